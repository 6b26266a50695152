package io.tagflow.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagflow.testing.TestBroker;
import io.tagflow.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox and publisher against a real broker: every event arrives, in order, with retained health. */
class OutboxPublishIT {
  @TempDir
  Path dir;

  @Test
  void publish_manyEvents_subscriberReceivesEveryOneInOrder() throws Exception {
    TestBroker broker = TestServices.newBroker("outbox-publish");
    String topic = broker.topicPrefix() + "site/gw/movements";
    String health = broker.topicPrefix() + "site/gw/health";
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    int n = 300;
    try (MqttCollector sub = new MqttCollector(broker.uri(), broker.topicPrefix() + "#");
         FileOutbox outbox = FileOutbox.open(dir, FileOutbox.Settings.defaults(), InstantSource.system())) {
      MqttPublisher publisher = MqttPublisher.create(outbox, MqttPublisherOptions.builder(broker.uri(), "it-" + System.nanoTime())
          .maxInflight(8)
          .health(new MqttPublisherOptions.Health(health, bytes("ONLINE"), bytes("OFFLINE")))
          .build(), registry, InstantSource.system());
      publisher.start();
      for (int i = 0; i < n; i++) {
        publisher.publish(OutboxMessage.of(topic, bytes("event-" + i)));
      }
      publisher.publish(OutboxMessage.retained(broker.topicPrefix() + "site/gw/readers/r1/status", bytes("CONNECTED")));
      assertThat(publisher.awaitDrained(Duration.ofSeconds(60))).isTrue();

      List<String> got = sub.collect(topic, l -> l.size() >= n, 10_000);
      assertThat(got).containsExactlyElementsOf(IntStream.range(0, n).mapToObj(i -> "event-" + i).toList());
      assertThat(outbox.stats().depth()).isZero();
      assertThat(registry.get("tagflow.publish.latency").timer().count()).isEqualTo(n + 1);
      publisher.close(Duration.ofSeconds(5));
    }
    // A late subscriber sees the retained reader status and the OFFLINE health left by the clean stop.
    try (MqttCollector late = new MqttCollector(broker.uri(), broker.topicPrefix() + "site/gw/+/+/status")) {
      MqttCollector.Received status = late.next(10_000);
      assertThat(status).isNotNull();
      assertThat(status.payload()).isEqualTo("CONNECTED");
      assertThat(status.retained()).isTrue();
    }
    try (MqttCollector late = new MqttCollector(broker.uri(), health)) {
      MqttCollector.Received h = late.next(10_000);
      assertThat(h).isNotNull();
      assertThat(h.payload()).isEqualTo("OFFLINE");
      assertThat(h.retained()).isTrue();
    }
    clearRetained(broker.uri(), health, broker.topicPrefix() + "site/gw/readers/r1/status");
  }

  /** Leaves no retained messages behind on a shared broker. */
  private static void clearRetained(String uri, String... topics) throws Exception {
    org.eclipse.paho.mqttv5.client.MqttClient c = new org.eclipse.paho.mqttv5.client.MqttClient(uri,
        "it-clear-" + System.nanoTime(), new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
    c.connect();
    for (String t : topics) {
      c.publish(t, new byte[0], 1, true);
    }
    c.disconnect();
    c.close();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
