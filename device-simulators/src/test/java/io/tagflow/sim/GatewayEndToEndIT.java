package io.tagflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.Gateway;
import io.tagflow.gateway.config.GatewayConfig;
import io.tagflow.gateway.config.GatewayConfigLoader;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.ReaderState;
import io.tagflow.sim.reader.ScriptedTagSource;
import io.tagflow.sim.reader.SimulatedReader;
import io.tagflow.sim.reader.SimulatedReaderOptions;
import io.tagflow.testing.TestBroker;
import io.tagflow.testing.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
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
 * Every gateway component in one run: a simulated LLRP reader over TCP, the reader session, the filter
 * pipeline, the outbox and the MQTT publisher, to a real broker and a Paho subscriber. A tag parked in
 * zone Z-A becomes a location event; the reader's retained status says CONNECTED; /health answers 200.
 */
class GatewayEndToEndIT {
  private static final String EPC = "300833B2DDD9014000000001";

  @TempDir
  Path dir;

  private record Msg(String topic, byte[] payload) {
  }

  @Test
  void tagInZone_becomesLocationEventOnTheBroker() throws Exception {
    TestBroker broker = TestServices.newBroker("gateway-e2e");
    SimulatedReader reader = SimulatedReader.create(SimulatedReaderOptions.defaults().withPort(0).withAntennaCount(2)
            .withInventoryRound(Duration.ofMillis(50)),
        ScriptedTagSource.builder().tag(EPC, 1, -48).build(), InstantSource.system());
    reader.start().get(15, TimeUnit.SECONDS);
    GatewayConfig config = GatewayConfigLoader.parse("""
        site: s1
        gateway: g1
        readers:
          - id: r1
            host: 127.0.0.1
            port: %d
            keepalive: 1s
            rospec: { reportEvery: 200ms, reportEveryTags: 10 }
            antennas:
              - port: 1
                readPoint: { zone: Z-A }
              - port: 2
                readPoint: { zone: Z-B }
        filter:
          zoneHoldOff: 500ms
        mqtt:
          uri: %s
          topicPrefix: %s
        outbox:
          directory: %s
        ops:
          port: 0
        """.formatted(reader.address().getPort(), broker.uri(), broker.topicPrefix(), dir.resolve("outbox")), "e2e.yaml");

    BlockingQueue<Msg> received = new LinkedBlockingQueue<>();
    MqttClient sub = new MqttClient(broker.uri(), "e2e-sub-" + UUID.randomUUID(), new MemoryPersistence());
    sub.connect();
    sub.subscribe(new MqttSubscription[] {new MqttSubscription(broker.topicPrefix() + "#", 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> received.add(new Msg(t, m.getPayload()))});
    EventCodec codec = new EventCodec();
    String base = broker.topicPrefix() + "tagflow/v1/s1/g1/";
    Gateway gateway = Gateway.start(config, Clock.systemUTC(), name -> null);
    try {
      java.util.List<Msg> seen = new java.util.ArrayList<>();
      LocationEvent location = codec.decodeLocation(next(received, seen, base + "locations", m -> true).payload());
      assertThat(location.epc()).isEqualTo(EPC);
      assertThat(location.bin()).isEqualTo("Z-A");
      assertThat(location.site()).isEqualTo("s1");

      next(received, seen, base + "readers/r1/status",
          m -> codec.decodeReaderStatus(m.payload()).state() == ReaderState.CONNECTED);
      HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + gateway.opsPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.body()).contains("\"r1\":\"RUNNING\"");
    } finally {
      gateway.close();
      reader.stop().get(15, TimeUnit.SECONDS);
      sub.publish(base + "health", new byte[0], 1, true);
      sub.publish(base + "readers/r1/status", new byte[0], 1, true);
      sub.disconnect();
      sub.close();
    }
  }

  /** The first message on {@code topic} matching {@code wanted}, among those seen so far or arriving within 30 s. */
  private static Msg next(BlockingQueue<Msg> q, java.util.List<Msg> seen, String topic,
                          java.util.function.Predicate<Msg> wanted) throws InterruptedException {
    for (Msg m : seen) {
      if (m.topic().equals(topic) && m.payload().length > 0 && wanted.test(m)) {
        return m;
      }
    }
    while (true) {
      Msg m = q.poll(30, TimeUnit.SECONDS);
      assertThat(m).as("a message on " + topic).isNotNull();
      seen.add(m);
      if (m.topic().equals(topic) && m.payload().length > 0 && wanted.test(m)) {
        return m;
      }
    }
  }
}
