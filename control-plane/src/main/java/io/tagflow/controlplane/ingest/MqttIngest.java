package io.tagflow.controlplane.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagflow.controlplane.store.EventStore;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.TopicKind;
import io.tagflow.protocol.event.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT side of ingest: one Eclipse Paho MQTT 5 client with manual acknowledgements, feeding an
 * {@link IngestWorker}.
 *
 * <p>Subscriptions, all QoS 1:
 * <ul>
 *   <li>movements and locations through shared subscriptions ({@code $share/tagflow-cp/tagflow/v1/+/+/movements},
 *       MQTT 5 §4.8.2), so several control-plane instances split the load;</li>
 *   <li>reader status and gateway health through ordinary subscriptions: MQTT 5 sends retained
 *       messages only to non-shared subscriptions (§3.3.1.3), and these two kinds are retained so that
 *       a starting instance learns every device's state at once. Each instance stores them; the store's
 *       upserts make that harmless.</li>
 * </ul>
 * The session outlives a disconnect ({@code cleanStart=false}, session expiry from the options), so
 * messages received but not acknowledged (their batch did not commit) are delivered again when the
 * client reconnects.
 */
public final class MqttIngest implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);
  private static final int QOS = 1;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final IngestOptions options;
  private final Topics topics;
  private final Clock clock;
  private final MqttAsyncClient client;
  private final IngestWorker worker;
  private final IngestMetrics metrics;
  private final UnacknowledgedDeliveries unacknowledged = new UnacknowledgedDeliveries();

  /**
   * An ingest that is not connected yet.
   *
   * @param listeners told about each committed batch (live state, anomaly rules)
   */
  public MqttIngest(IngestOptions options, EventStore store, List<IngestListener> listeners, MeterRegistry registry,
                    Clock clock) throws MqttException {
    this.options = options;
    this.topics = Topics.under(options.topicPrefix());
    this.clock = clock;
    this.metrics = new IngestMetrics(registry);
    // Inbound QoS 1 state lives in the broker's session, so the client needs no persistence of its own.
    this.client = new MqttAsyncClient(options.brokerUri(), options.clientId(), new MemoryPersistence());
    this.client.setManualAcks(true);
    BatchAssembler assembler = new BatchAssembler(topics, new EventCodec(), metrics, options.maxBatchSize(),
        options.linger());
    BatchCommitter committer = new BatchCommitter(store, this::acknowledge, listeners, metrics);
    this.worker = new IngestWorker(assembler, committer, clock, options.retryBackoff(), options.maxRetryBackoff(),
        options.receiveMaximum() + options.maxBatchSize());
  }

  /** The metrics of this ingest. */
  public IngestMetrics metrics() {
    return metrics;
  }

  /** The subscriptions this ingest makes, in order. */
  public List<String> subscriptions() {
    return List.of(
        topics.sharedFilter(options.shareGroup(), TopicKind.MOVEMENTS),
        topics.sharedFilter(options.shareGroup(), TopicKind.LOCATIONS),
        topics.filter(TopicKind.READER_STATUS),
        topics.filter(TopicKind.HEALTH));
  }

  /**
   * Starts the worker, connects and subscribes; blocks until the broker granted the subscriptions.
   *
   * @throws MqttException when the broker cannot be reached or refuses a subscription; the ingest is
   *     then closed
   */
  public void start() throws MqttException {
    try {
      connectAndSubscribe();
    } catch (MqttException | RuntimeException e) {
      try {
        close();
      } catch (MqttException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    log.info("Ingest connected to {} as {}, subscribed to {}", options.brokerUri(), options.clientId(), subscriptions());
  }

  private void connectAndSubscribe() throws MqttException {
    worker.start();
    client.setCallback(new Callback());
    MqttConnectionOptions connect = new MqttConnectionOptions();
    connect.setCleanStart(false);
    connect.setSessionExpiryInterval(options.sessionExpiry().toSeconds());
    connect.setReceiveMaximum(options.receiveMaximum());
    connect.setMaximumPacketSize(IngestOptions.MAXIMUM_PACKET_SIZE);
    connect.setAutomaticReconnect(true);
    connect.setAutomaticReconnectDelay(1, 30);
    connect.setKeepAliveInterval(30);
    connect.setConnectionTimeout(10);
    client.connect(connect).waitForCompletion(Duration.ofSeconds(15).toMillis());
    subscribe();
  }

  private void subscribe() throws MqttException {
    List<String> filters = subscriptions();
    MqttSubscription[] subscriptions = filters.stream().map(f -> new MqttSubscription(f, QOS))
        .toArray(MqttSubscription[]::new);
    IMqttToken token = client.subscribe(subscriptions);
    token.waitForCompletion(Duration.ofSeconds(15).toMillis());
    int[] granted = token.getGrantedQos();
    for (int i = 0; i < granted.length; i++) {
      if (granted[i] != QOS) {
        throw new MqttException(granted[i]);
      }
    }
  }

  private void acknowledge(InboundMessage message) throws MqttException {
    if (message.qos() == 0) {
      return;
    }
    if (!unacknowledged.release(message)) {
      // Delivered again since (after a reconnect): that later copy is acknowledged when its batch commits.
      log.debug("Not acknowledging superseded delivery of packet {}", message.messageId());
      return;
    }
    client.messageArrivedComplete(message.messageId(), message.qos());
  }

  /**
   * Stops taking messages, lets the worker commit what it holds, and disconnects. Messages whose batch
   * did not commit stay unacknowledged in the broker's session.
   */
  @Override
  public void close() throws MqttException {
    try {
      worker.stop(STOP_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        if (client.isConnected()) {
          client.disconnect(STOP_TIMEOUT.toMillis()).waitForCompletion(STOP_TIMEOUT.toMillis());
        }
      } finally {
        client.close(true);
      }
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
      // Throwing (on interrupt) makes Paho drop the connection; the unacknowledged message comes back.
      InboundMessage inbound = new InboundMessage(topic, message.getPayload(), message.getId(), message.getQos(),
          message.isRetained(), clock.instant());
      if (inbound.qos() > 0) {
        unacknowledged.delivered(inbound);
      }
      worker.offer(inbound);
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (reconnect) {
        // The session normally keeps the subscriptions; subscribing again covers an expired session.
        try {
          client.subscribe(subscriptions().stream().map(f -> new MqttSubscription(f, QOS))
              .toArray(MqttSubscription[]::new));
          log.info("Ingest reconnected to {}", serverUri);
        } catch (MqttException e) {
          log.warn("Ingest reconnected to {} but could not subscribe again: {}", serverUri, e.toString());
        }
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      log.warn("Ingest disconnected from the broker: {}", response);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      log.warn("MQTT error: {}", exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
      // Ingest publishes nothing.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
      // No enhanced authentication.
    }
  }
}
