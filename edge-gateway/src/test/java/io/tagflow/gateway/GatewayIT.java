package io.tagflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.config.GatewayConfig;
import io.tagflow.gateway.config.GatewayConfigLoader;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.GatewayStatus;
import io.tagflow.protocol.event.ReaderStatusEvent;
import io.tagflow.testing.TestBroker;
import io.tagflow.testing.TestServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled gateway against a real broker, with a reader that refuses connections: it announces
 * itself ONLINE (retained), publishes the reader's status (retained), reports 503 on /health because
 * the reader is not running, serves Prometheus metrics, and leaves OFFLINE behind when it stops.
 */
class GatewayIT {
  @TempDir
  Path dir;

  private record Msg(String topic, byte[] payload) {
  }

  @Test
  void start_withUnreachableReader_announcesItselfAndReportsUnhealthy() throws Exception {
    TestBroker broker = TestServices.newBroker("gateway-wiring");
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    GatewayConfig config = GatewayConfigLoader.parse("""
        site: s1
        gateway: g1
        readers:
          - id: r1
            host: 127.0.0.1
            port: %d
            antennas:
              - port: 1
                readPoint: { door: D1, side: OUTSIDE }
              - port: 2
                readPoint: { door: D1, side: INSIDE }
        mqtt:
          uri: %s
          topicPrefix: %s
        outbox:
          directory: %s
        ops:
          port: 0
        """.formatted(closedPort, broker.uri(), broker.topicPrefix(), dir.resolve("outbox")), "it.yaml");

    BlockingQueue<Msg> received = new LinkedBlockingQueue<>();
    MqttClient sub = new MqttClient(broker.uri(), "it-sub-" + UUID.randomUUID(), new MemoryPersistence());
    sub.connect();
    sub.subscribe(new MqttSubscription[] {new MqttSubscription(broker.topicPrefix() + "#", 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> received.add(new Msg(t, m.getPayload()))});
    EventCodec codec = new EventCodec();
    String base = broker.topicPrefix() + "tagflow/v1/s1/g1/";
    try {
      Gateway gateway = Gateway.start(config, Clock.systemUTC(), name -> null);
      try {
        Msg online = next(received, base + "health");
        assertThat(codec.decodeGatewayHealth(online.payload()).status()).isEqualTo(GatewayStatus.ONLINE);
        Msg status = next(received, base + "readers/r1/status");
        ReaderStatusEvent readerStatus = codec.decodeReaderStatus(status.payload());
        assertThat(readerStatus.reader()).isEqualTo("r1");
        assertThat(readerStatus.state().json()).isIn("DISCONNECTED", "CONNECTING");

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.opsPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"brokerConnected\":true").contains("\"r1\":");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.opsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("tagflow_outbox_depth{gateway=\"g1\",site=\"s1\"}")
            .contains("tagflow_reader_connects_total{gateway=\"g1\",reader=\"r1\",site=\"s1\"}")
            .contains("tagflow_pipeline_stage_in_total")
            .contains("tagflow_publish_latency_seconds");
      } finally {
        gateway.close();
      }
      Msg offline = next(received, base + "health");
      assertThat(codec.decodeGatewayHealth(offline.payload()).status()).isEqualTo(GatewayStatus.OFFLINE);
    } finally {
      // Leave no retained messages behind on a shared broker.
      sub.publish(base + "health", new byte[0], 1, true);
      sub.publish(base + "readers/r1/status", new byte[0], 1, true);
      sub.disconnect();
      sub.close();
    }
  }

  private static Msg next(BlockingQueue<Msg> q, String topic) throws InterruptedException {
    while (true) {
      Msg m = q.poll(20, TimeUnit.SECONDS);
      assertThat(m).as("a message on " + topic).isNotNull();
      if (m.topic().equals(topic) && m.payload().length > 0) {
        return m;
      }
    }
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
