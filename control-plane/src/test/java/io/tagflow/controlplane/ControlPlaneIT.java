package io.tagflow.controlplane;

import static io.tagflow.controlplane.fixtures.Layouts.epc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagflow.controlplane.fixtures.Events;
import io.tagflow.controlplane.fixtures.FeedClient;
import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.Topics;
import io.tagflow.testing.TestBroker;
import io.tagflow.testing.TestDatabase;
import io.tagflow.testing.TestServices;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: the whole service (store migrated at start, MQTT ingest, live state, rules, API) against a
 * real PostgreSQL and MQTT broker. Events are published over MQTT and seen in the API and on the live feed.
 */
class ControlPlaneIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(30);
  static TestDatabase db;
  static TestBroker broker;
  static Vertx vertx;
  static ControlPlaneService service;
  static MqttClient publisher;
  static Topics topics;
  static final HttpClient http = HttpClient.newHttpClient();

  static ControlPlaneConfig config;

  @BeforeAll
  static void start() throws Exception {
    db = TestServices.newDatabase("control_plane");
    broker = TestServices.newBroker("control_plane");
    topics = Topics.under(broker.topicPrefix());
    config = new ControlPlaneConfig(new ControlPlaneConfig.Http(null, 0, null),
        new ControlPlaneConfig.Database(db.jdbcUrl(), null, null, 4),
        new ControlPlaneConfig.Mqtt(broker.uri(), broker.topicPrefix(), "it-cp-" + UUID.randomUUID()),
        null, List.of(Layouts.dc1(false)));
    vertx = Vertx.vertx();
    service = ControlPlaneService.start(vertx, config, Clock.systemUTC())
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    publisher = new MqttClient(broker.uri(), "it-pub-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    publisher.connect(options);
  }

  @AfterAll
  static void stop() throws Exception {
    if (publisher != null) {
      publisher.disconnect();
      publisher.close();
    }
    if (service != null) {
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    db.close();
  }

  static JsonNode call(String method, String path, String contentType, String body, int expected) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + service.controlPlane().port() + path));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
    return JSON.readTree(r.body());
  }

  static void publish(String topic, byte[] payload) throws Exception {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    publisher.publish(topic, m);
  }

  @Test
  void movementOverMqtt_updatesOccupancyApiAndLiveFeedAndRaisesAnomaly() throws Exception {
    call("POST", "/api/lots", "application/json",
        "{\"id\":\"LOT-E2E\",\"gtin\":\"09506000134352\",\"by\":\"it\"}", 201);
    call("POST", "/api/tags/import", "text/csv", "epc,lot\n" + epc(1) + ",LOT-E2E\n" + epc(2) + ",LOT-E2E\n", 200);
    EventCodec codec = new EventCodec();
    Instant now = Instant.now();

    try (FeedClient feed = new FeedClient(service.controlPlane().port(), "dc1")) {
      feed.await(FeedClient.kind("snapshot"), WAIT);

      // Put away into a bin: the occupancy changes.
      publish(topics.locations("dc1", "gw-1"), codec.encode(Events.location(epc(1), "A-01", now)));
      JsonNode delta = feed.await(FeedClient.kind("occupancy"), WAIT);
      assertThat(delta.get("data").get("bin").asText()).isEqualTo("A-01");
      JsonNode a01 = call("GET", "/api/sites/dc1/occupancy", null, null, 200).get("bins").get(0);
      assertThat(a01.get("count").asInt()).isEqualTo(1);
      assertThat(a01.get("lots").get("LOT-E2E").asInt()).isEqualTo(1);

      // The lot is locked, then a pallet with it leaves: movement and anomaly on the feed, bin emptied.
      call("POST", "/api/lots/LOT-E2E/lock", "application/json", "{\"by\":\"qa\"}", 200);
      MovementEvent out = Events.movement("door-1", Direction.OUT, now.plusSeconds(5), List.of(epc(1), epc(2)));
      publish(topics.movements("dc1", "gw-1"), codec.encode(out));

      JsonNode movement = feed.await(FeedClient.kind("movement"), WAIT);
      assertThat(movement.get("data").get("movementId").asText()).isEqualTo(out.movementId().toString());
      JsonNode anomaly = feed.await(m -> "anomaly".equals(m.path("kind").asText())
          && "unexpected_exit".equals(m.get("data").get("type").asText()), WAIT);
      assertThat(anomaly.get("data").get("lotId").asText()).isEqualTo("LOT-E2E");
    }

    assertThat(call("GET", "/api/sites/dc1/occupancy", null, null, 200).get("bins").get(0).get("count").asInt())
        .isZero();
    JsonNode movements = call("GET", "/api/sites/dc1/movements?direction=OUT", null, null, 200);
    assertThat(movements.get("items")).hasSize(1);
    JsonNode anomalies = call("GET", "/api/sites/dc1/anomalies?status=open", null, null, 200);
    assertThat(anomalies.findValuesAsText("type")).contains("unexpected_exit");
    JsonNode trace = call("GET", "/api/lots/LOT-E2E/trace", null, null, 200);
    assertThat(trace.get("tags").get(0).get("position").get("kind").asText()).isEqualTo("shipped");
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.controlPlane().port()
        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("tagflow_anomalies_raised_total{type=\"unexpected_exit\"} 1.0")
        .contains("hikaricp_connections_active").contains("tagflow_http_requests_seconds_count")
        .contains("tagflow_ingest_messages_total");
  }

  @Test
  void restart_rebuildsLiveStateFromTheStore() throws Exception {
    try (FeedClient feed = new FeedClient(service.controlPlane().port(), "dc1")) {
      feed.await(FeedClient.kind("snapshot"), WAIT);
      publish(topics.locations("dc1", "gw-1"), new EventCodec().encode(Events.location(epc(10), "B-01", Instant.now())));
      feed.await(m -> "occupancy".equals(m.path("kind").asText()) && "B-01".equals(m.get("data").get("bin").asText()),
          WAIT);
    }

    service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    service = ControlPlaneService.start(vertx, config, Clock.systemUTC())
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

    JsonNode bin = call("GET", "/api/sites/dc1/bins/B-01", null, null, 200);
    assertThat(bin.get("tags").findValuesAsText("epc")).contains(epc(10));
    assertThat(bin.get("occupancy").get("unregistered").asInt()).isEqualTo(1);
  }
}
