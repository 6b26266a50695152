package io.tagflow.gateway.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagflow.gateway.delivery.internal.AckHandler;
import io.tagflow.gateway.delivery.internal.DrainState;
import io.tagflow.gateway.delivery.internal.InflightWindow;
import io.tagflow.gateway.delivery.internal.PahoOptions;
import io.tagflow.gateway.delivery.internal.Sender;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the {@link Outbox} to an MQTT 5 broker with Eclipse Paho, QoS 1, in append order.
 *
 * <p>Contract: {@link #publish} returns once the event is durable in the outbox; from then on it is
 * delivered at least once, also across broker outages and gateway restarts. It may be sent before
 * that, as soon as it is written, so the broker round trip overlaps the fsync (see {@link Outbox} for
 * what that means when the fsync fails). An entry is marked delivered only when its PUBACK arrives,
 * and removed only once it is also durable. Nothing is ever dropped for lack of room: when the window of
 * {@code maxInflight} unacknowledged publications is full, or Paho refuses with "too many publishes in
 * progress" (reason code 32202, its view of the broker's Receive Maximum, MQTT 5 §3.2.2.3.3), the drain
 * thread waits for a completion and sends the same entry again.
 *
 * <p>Algorithm. One drain thread reads the outbox from a send cursor and hands entries to Paho
 * ({@code Sender}). Every
 * (re)connect, lost connection, failed publish or PUBACK past {@code ackTimeout} starts a new epoch
 * ({@code DrainState}): the in-flight window is forgotten and the cursor goes back to the outbox's first
 * pending entry, so the broker sees the entries again in order (duplicates possible, gaps never). Paho
 * keeps no state of its own ({@link MemoryPersistence}, clean start): the outbox is the only store.
 *
 * <p>Paho reconnects by itself once a first connection succeeded; until then the drain thread retries
 * with exponential backoff, so the gateway starts and fills its outbox while the broker is down.
 *
 * <p>PUBACK reason codes of 0x80 or more (MQTT 5 §3.4.2.1): 0x80 and 0x97 (quota exceeded) are retried
 * after a pause; the others (not authorized, topic name invalid, payload format invalid, ...) can never
 * succeed, so the entry is logged as an ERROR, counted in {@code tagflow.publish.refused} and removed,
 * rather than blocking every later event forever ({@code AckHandler}).
 */
public final class MqttPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttPublisher.class);
  private static final long TICK_MILLIS = 200;

  private final Outbox outbox;
  private final MqttPublisherOptions options;
  private final IMqttAsyncClient client;
  private final DrainState state;
  private final Counter rejectedFull;
  private final Thread drainThread;
  private final Sender sender;
  /** Guards the health messages: once OFFLINE is sent, no late ONLINE may follow it. */
  private final Object healthLock = new Object();
  private boolean offlineSent;

  MqttPublisher(Outbox outbox, MqttPublisherOptions options, IMqttAsyncClient client, MeterRegistry registry,
                InstantSource clock) {
    this.outbox = outbox;
    this.options = options;
    this.client = client;
    this.state = new DrainState(new InflightWindow(options.maxInflight(), options.ackTimeout(), clock),
        outbox::firstPendingSequence, clock, TICK_MILLIS);
    Counter backpressure = Counter.builder("tagflow.publish.backpressure")
        .description("Times the client's in-flight window was full and the publisher waited").register(registry);
    this.sender = new Sender(outbox, client, state, new AckHandler(outbox, state, registry, clock), backpressure,
        TICK_MILLIS);
    this.rejectedFull = Counter.builder("tagflow.outbox.rejected")
        .description("Events refused because the outbox quota was reached").register(registry);
    Gauge.builder("tagflow.mqtt.connected", state, s -> s.online() ? 1 : 0)
        .description("1 while connected to the broker").register(registry);
    Gauge.builder("tagflow.publish.inflight", state, DrainState::inflight)
        .description("Publications awaiting PUBACK").register(registry);
    this.drainThread = new Thread(this::drainLoop, "tagflow-mqtt-drain");
    this.drainThread.setDaemon(true);
    client.setCallback(new Callback());
  }

  /** A publisher on a new Paho {@link MqttAsyncClient} with in-memory persistence (the outbox is the store). */
  public static MqttPublisher create(Outbox outbox, MqttPublisherOptions options, MeterRegistry registry,
                                     InstantSource clock) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(options.serverUri(), options.clientId(), new MemoryPersistence());
    return new MqttPublisher(outbox, options, client, registry, clock);
  }

  /** Starts connecting and draining; returns at once. */
  public void start() {
    if (state.start()) {
      drainThread.start();
    }
  }

  /**
   * Stores {@code message} durably in the outbox; it may be sent before the fsync.
   *
   * @return the outbox sequence
   * @throws OutboxFullException when the outbox quota is reached (counted in {@code tagflow.outbox.rejected})
   * @throws IOException when the outbox cannot store it
   * @throws IllegalStateException after {@link #close} began
   */
  public long publish(OutboxMessage message) throws IOException {
    long sequence = writeOne(message);
    sync(sequence, sequence + 1);
    return sequence;
  }

  /**
   * {@link #write} of one event; a refusal for lack of room is counted in {@code tagflow.outbox.rejected},
   * as by {@link #publish}.
   */
  public long writeOne(OutboxMessage message) throws IOException {
    try {
      return write(List.of(message)).get(0);
    } catch (OutboxFullException e) {
      rejectedFull.increment();
      throw e;
    }
  }

  /**
   * Stores {@code messages} durably in the outbox, all or none, with one fsync ({@link
   * Outbox#appendAll}); they may be sent as soon as they are written (before the fsync). Throws
   * as {@link #publish} does, but a refusal for lack of room is not counted here: it concerns the
   * batch, not an event.
   */
  public List<Long> publishAll(List<OutboxMessage> messages) throws IOException {
    List<Long> sequences = write(messages);
    if (!sequences.isEmpty()) {
      sync(sequences.get(0), sequences.get(sequences.size() - 1) + 1);
    }
    return sequences;
  }

  /**
   * The first half of {@link #publishAll}: writes {@code messages} to the outbox ({@link Outbox#write})
   * and wakes the drain thread, which may send them at once; they are durable only after {@link #sync}.
   */
  public List<Long> write(List<OutboxMessage> messages) throws IOException {
    if (!state.accepting()) {
      throw new IllegalStateException("the MQTT publisher is shutting down; " + messages.size()
          + " event(s) for " + messages.get(0).topic() + " not accepted");
    }
    List<Long> sequences = outbox.write(messages);
    state.workArrived();
    return sequences;
  }

  /**
   * The second half of {@link #publishAll}: returns once entries {@code first} to {@code end}
   * (exclusive) are durable ({@link Outbox#sync}).
   */
  public void sync(long first, long end) throws IOException {
    outbox.sync(first, end);
  }

  /** Whether the broker connection is up. */
  public boolean connected() {
    return state.online();
  }

  /** Publications awaiting PUBACK. */
  public int inflight() {
    return state.inflight();
  }

  /** Waits until the outbox is empty; false if {@code timeout} passed first. */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (outbox.stats().depth() > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      state.awaitChange(Math.min(left, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)));
    }
    return true;
  }

  /**
   * Graceful shutdown: refuses new events, waits up to {@code flushTimeout} for the outbox to drain,
   * publishes the retained OFFLINE health message, and disconnects cleanly. What is not delivered stays
   * in the outbox for the next start. Does not close the outbox.
   *
   * @return whether the outbox was empty at the end
   */
  public boolean close(Duration flushTimeout) {
    state.stopAccepting();
    boolean drained = false;
    try {
      drained = state.online() && awaitDrained(flushTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    state.stop();
    try {
      drainThread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long left = outbox.stats().depth();
    if (left > 0) {
      log.warn("MQTT publisher stopped with {} events still in the outbox; they are sent after the next start", left);
    }
    disconnect();
    return drained || left == 0;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  /** The Paho connection options this publisher connects with (will, credentials, receive maximum). */
  MqttConnectionOptions connectionOptions() {
    return PahoOptions.connectionOptions(options);
  }

  private void disconnect() {
    try {
      if (client.isConnected()) {
        MqttPublisherOptions.Health health = options.health();
        if (health != null) {
          synchronized (healthLock) {
            offlineSent = true;
            client.publish(health.topic(), PahoOptions.healthMessage(health.offline()))
                .waitForCompletion(options.connectTimeout().toMillis());
          }
        }
        client.disconnect(TimeUnit.SECONDS.toMillis(2)).waitForCompletion(options.connectTimeout().toMillis());
      }
    } catch (MqttException e) {
      log.warn("MQTT disconnect from {} was not clean: {}", options.serverUri(), e.getMessage());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      log.debug("Closing the MQTT client: {}", e.getMessage());
    }
  }

  private void drainLoop() {
    long backoffMillis = options.reconnectMinDelay().toMillis();
    boolean failureLogged = false;
    while (state.running()) {
      try {
        if (!state.everConnected()) {
          if (tryConnect(failureLogged)) {
            backoffMillis = options.reconnectMinDelay().toMillis();
          } else {
            failureLogged = true;
            state.awaitWhileRunning(backoffMillis);
            backoffMillis = Math.min(backoffMillis * 2, options.reconnectMaxDelay().toMillis());
          }
          continue;
        }
        sender.drainPass(expired -> log.warn("No PUBACK for outbox entry {} within {}; sending again from the"
            + " first pending entry", expired, options.ackTimeout()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("MQTT drain loop failed; continuing", e);
      }
    }
  }

  private boolean tryConnect(boolean failureLogged) {
    if (client.isConnected()) {
      return true;
    }
    try {
      client.connect(connectionOptions()).waitForCompletion(options.connectTimeout().toMillis() + 1000);
      return true;
    } catch (MqttException e) {
      if (!failureLogged) {
        log.warn("MQTT broker {} is unreachable ({}); retrying with backoff, events wait in the outbox",
            options.serverUri(), e.getMessage());
      } else {
        log.debug("MQTT connect to {} failed again: {}", options.serverUri(), e.getMessage());
      }
      return false;
    }
  }

  /** Connection events from Paho. */
  private final class Callback implements MqttCallback {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      // ONLINE goes out before the drain may start: otherwise a quick close() could publish OFFLINE
      // first and this retained ONLINE would then overwrite it on the broker.
      MqttPublisherOptions.Health health = options.health();
      if (health != null) {
        synchronized (healthLock) {
          try {
            if (!offlineSent) {
              client.publish(health.topic(), PahoOptions.healthMessage(health.online()));
            }
          } catch (MqttException e) {
            log.warn("Could not publish the ONLINE health message: {}", e.getMessage());
          }
        }
      }
      // Also when Paho completed a connection the drain thread did not start itself (its own retry).
      state.connected();
      log.info("MQTT {} to {}; sending from outbox entry {}", reconnect ? "reconnected" : "connected", serverUri,
          outbox.firstPendingSequence());
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      if (state.disconnected()) {
        log.warn("MQTT connection to {} lost ({}); events wait in the outbox until Paho reconnects",
            options.serverUri(), response == null ? "no reason" : PahoOptions.describe(response));
      }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      log.warn("MQTT error from {}: {}", options.serverUri(), exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      // The gateway subscribes to nothing.
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
      // Handled per publication by AckListener.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
      // No enhanced authentication.
    }
  }
}
