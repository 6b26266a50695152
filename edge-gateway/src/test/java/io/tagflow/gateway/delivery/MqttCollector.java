package io.tagflow.gateway.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** A Paho subscriber that collects every message under a topic filter, in arrival order. */
final class MqttCollector implements AutoCloseable {
  record Received(String topic, String payload, boolean retained) {
  }

  private final MqttClient client;
  private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();

  MqttCollector(String uri, String filter) throws MqttException {
    client = new MqttClient(uri, "collector-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    client.connect(o);
    client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, m) -> queue.add(
            new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained()))});
  }

  /** The next message, waiting up to {@code millis}; null when none came. */
  Received next(long millis) throws InterruptedException {
    return queue.poll(millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Collects payloads on {@code topic} until {@code done} holds for what was collected or {@code millis}
   * pass without a new message.
   */
  List<String> collect(String topic, java.util.function.Predicate<List<String>> done, long millis) throws InterruptedException {
    List<String> payloads = new ArrayList<>();
    while (!done.test(payloads)) {
      Received r = next(millis);
      if (r == null) {
        break;
      }
      if (r.topic().equals(topic)) {
        payloads.add(r.payload());
      }
    }
    return payloads;
  }

  @Override
  public void close() throws MqttException {
    client.disconnect();
    client.close();
  }
}
