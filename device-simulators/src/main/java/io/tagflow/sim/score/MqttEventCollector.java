package io.tagflow.sim.score;

import io.tagflow.protocol.event.EventFormatException;
import io.tagflow.protocol.event.TopicAddress;
import io.tagflow.protocol.event.TopicKind;
import io.tagflow.protocol.event.Topics;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Collects one site's movement and location events from an MQTT 5 broker (Paho), subscribed to the
 * event contract's topics ({@link Topics#filter(TopicKind)}, QoS 1) and keeping the messages whose
 * topic names the site. A payload that is not a valid contract event is counted and its first reason
 * kept, never fatal: the rest of the run is still scored.
 *
 * <p>Thread-safety: messages arrive on Paho's thread; every method may be called from any thread.
 */
public final class MqttEventCollector implements AutoCloseable {
  private final MqttClient client;
  private final Topics topics;
  private final String site;
  private final Writer raw;
  private final ObservedEvents.Collector collector = new ObservedEvents.Collector();
  private int bad;
  private String firstBad;
  private IOException rawError;

  private MqttEventCollector(MqttClient client, Topics topics, String site, Writer raw) {
    this.client = client;
    this.topics = topics;
    this.site = site;
    this.raw = raw;
  }

  /**
   * Connects and subscribes; events published from now on are collected.
   *
   * @param topicPrefix empty, or topic levels ending in '/' that the gateway publishes under
   * @param raw where to copy every accepted payload as a JSON line, or {@code null}
   * @throws MqttException when the broker cannot be reached or refuses the subscription
   */
  public static MqttEventCollector connect(String uri, String topicPrefix, String site, Writer raw) throws MqttException {
    Topics topics = Topics.under(topicPrefix);
    MqttClient client = new MqttClient(uri, "tagflow-sim-score-" + UUID.randomUUID(), new MemoryPersistence());
    MqttEventCollector collector = new MqttEventCollector(client, topics, site, raw);
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    client.connect(options);
    IMqttMessageListener listener = collector::onMessage;
    client.subscribe(new MqttSubscription[] {new MqttSubscription(topics.filter(TopicKind.MOVEMENTS), 1),
        new MqttSubscription(topics.filter(TopicKind.LOCATIONS), 1)}, new IMqttMessageListener[] {listener, listener});
    return collector;
  }

  private synchronized void onMessage(String topic, MqttMessage message) {
    byte[] payload = message.getPayload();
    try {
      TopicAddress address = topics.parse(topic);
      if (!address.site().equals(site)) {
        return;
      }
      collector.add(payload);
      if (raw != null && rawError == null) {
        raw.write(new String(payload, StandardCharsets.UTF_8));
        raw.write('\n');
      }
    } catch (EventFormatException e) {
      bad++;
      if (firstBad == null) {
        firstBad = topic + ": " + (e.path().isEmpty() ? e.reason() : e.getMessage());
      }
    } catch (IOException e) {
      rawError = e; // scoring goes on; the command reports the copy as failed
    }
  }

  public synchronized int movements() {
    return collector.movementCount();
  }

  public synchronized int locations() {
    return collector.locationCount();
  }

  /** Payloads that were not valid contract events. */
  public synchronized int bad() {
    return bad;
  }

  /** The topic and reason of the first bad payload, or {@code null}. */
  public synchronized String firstBad() {
    return firstBad;
  }

  /** Why copying payloads to the raw writer stopped, or {@code null}. */
  public synchronized IOException rawError() {
    return rawError;
  }

  /** What was collected so far. */
  public synchronized ObservedEvents events() {
    return collector.events();
  }

  /** Disconnects; the events collected stay available. */
  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnect(5_000);
      }
    } finally {
      client.close();
    }
  }
}
