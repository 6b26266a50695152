package io.tagflow.controlplane;

import static io.tagflow.controlplane.fixtures.Layouts.epc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagflow.controlplane.fixtures.ChildControlPlane;
import io.tagflow.controlplane.fixtures.Events;
import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.controlplane.fixtures.Poll;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.Topics;
import io.tagflow.testing.TestBroker;
import io.tagflow.testing.TestDatabase;
import io.tagflow.testing.TestServices;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

/**
 * Durability of the whole service: a control plane killed with SIGKILL in the middle of ingest and
 * started again loses and duplicates nothing (the broker redelivers what was not acknowledged, the store
 * ignores what it already has), and ends where a clean ingest of the same events ends. The clean ingest
 * here gets every event twice, in shuffled order, so it also shows that ingest is idempotent and
 * order-independent end to end: identical rows and the same live occupancy.
 */
class CrashRecoveryIT {
  /*
   * 900 messages in all: fewer than a broker queues for one offline session by default (Mosquitto's
   * max_queued_messages is 1000; beyond it the broker drops QoS 1 messages it has already acknowledged to
   * the publisher, which no control plane can recover). Production brokers need a larger queue than the
   * traffic of the longest outage to be ridden out.
   */
  static final int MOVEMENTS = 600;
  static final int TAGS_PER_MOVEMENT = 20;
  static final int TAG_POOL = 1500;
  static final int LOCATIONS = 300;
  static final Duration WAIT = Duration.ofSeconds(120);
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** One event to publish: topic kind and payload. */
  record Message(boolean movement, byte[] payload) {
  }

  @Test
  void killDuringIngestThenRestart_storesEveryMovementOnceAndMatchesCleanIngest() throws Exception {
    Workload w = Workload.generate(new Random(42), Instant.now().minus(2, ChronoUnit.HOURS));
    try (TestDatabase crashDb = TestServices.newDatabase("crash_recovery");
         TestDatabase cleanDb = TestServices.newDatabase("crash_reference")) {
      TestBroker broker = TestServices.newBroker("crash_recovery");
      String clientId = "it-crash-" + UUID.randomUUID();

      // The first half is published while the first instance ingests; it is killed part way through (the
      // second half is not published yet, so it cannot have finished); the second half arrives while no
      // instance runs and waits in the broker's session for the same client id.
      List<Message> firstHalf = w.messages().subList(0, w.messages().size() / 2);
      List<Message> secondHalf = w.messages().subList(w.messages().size() / 2, w.messages().size());
      long storedAtKill;
      try (ChildControlPlane first = ChildControlPlane.start("crash-first", crashDb.jdbcUrl(), broker.uri(),
          broker.topicPrefix(), clientId, Duration.ofSeconds(90))) {
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish(broker, firstHalf));
        storedAtKill = Poll.until(() -> count(crashDb, "SELECT count(*) FROM movements"),
            n -> n >= MOVEMENTS / 8, WAIT);
        first.kill();
        publishing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      long storedAfterKill = count(crashDb, "SELECT count(*) FROM movements");
      publish(broker, secondHalf);

      try (ChildControlPlane second = ChildControlPlane.start("crash-second", crashDb.jdbcUrl(), broker.uri(),
          broker.topicPrefix(), clientId, Duration.ofSeconds(90))) {
        Map<String, Integer> occupancy = Poll.until(() -> occupancy(second.port()), w.expectedOccupancy()::equals,
            WAIT);
        Poll.until(() -> count(crashDb, "SELECT count(*) FROM movements"), n -> n >= MOVEMENTS, WAIT);

        assertThat(storedAtKill).as("killed mid-flow").isLessThan(MOVEMENTS);
        assertThat(storedAfterKill).as("killed mid-flow").isLessThan(MOVEMENTS);
        assertThat(count(crashDb, "SELECT count(*) FROM movements")).isEqualTo(MOVEMENTS);
        assertThat(count(crashDb, "SELECT count(DISTINCT movement_id) FROM movements")).isEqualTo(MOVEMENTS);
        assertThat(count(crashDb, "SELECT count(*) FROM movement_tags"))
            .isEqualTo((long) MOVEMENTS * TAGS_PER_MOVEMENT);
        assertThat(occupancy).isEqualTo(w.expectedOccupancy());

        // The clean reference: an in-process service given every event twice, shuffled.
        List<Message> twiceShuffled = new ArrayList<>(w.messages());
        twiceShuffled.addAll(w.messages());
        Collections.shuffle(twiceShuffled, new Random(7));
        Map<String, Integer> cleanOccupancy = cleanIngest(cleanDb, twiceShuffled, w.expectedOccupancy());

        assertThat(cleanOccupancy).isEqualTo(occupancy);
        // Door placements are folded into tag_locations once ingest is quiet; the clean service folded its
        // last ones when it stopped, the running one may still be folding.
        Poll.until(() -> count(crashDb, "SELECT count(*) FROM tag_location_backlog"), n -> n == 0, WAIT);
        assertThat(count(cleanDb, "SELECT count(*) FROM tag_location_backlog")).isZero();
        for (String rows : List.of(
            "SELECT movement_id, moved_at, door_id, direction, tag_count FROM movements ORDER BY 1",
            "SELECT movement_id, epc, last_seen FROM movement_tags ORDER BY 1, 2",
            "SELECT epc, bin_id, door_id, at, event_id FROM tag_locations ORDER BY 1")) {
          assertThat(rows(cleanDb, rows)).as(rows).isEqualTo(rows(crashDb, rows));
        }
      }
    }
  }

  private static Map<String, Integer> cleanIngest(TestDatabase db, List<Message> messages,
      Map<String, Integer> expected) throws Exception {
    TestBroker broker = TestServices.newBroker("crash_reference");
    ControlPlaneConfig config = new ControlPlaneConfig(new ControlPlaneConfig.Http(null, 0, null),
        new ControlPlaneConfig.Database(db.jdbcUrl(), null, null, 4),
        new ControlPlaneConfig.Mqtt(broker.uri(), broker.topicPrefix(), "it-clean-" + UUID.randomUUID()),
        null, List.of(Layouts.dc1(false)));
    Vertx vertx = Vertx.vertx();
    try {
      ControlPlaneService service = ControlPlaneService.start(vertx, config, Clock.systemUTC())
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      try {
        publish(broker, messages);
        Map<String, Integer> occupancy = Poll.until(() -> occupancy(service.controlPlane().port()), expected::equals,
            WAIT);
        Poll.until(() -> count(db, "SELECT count(*) FROM movements"), n -> n >= MOVEMENTS, WAIT);
        return occupancy;
      } finally {
        service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static void publish(TestBroker broker, List<Message> messages) {
    Topics topics = Topics.under(broker.topicPrefix());
    try {
      MqttClient client = new MqttClient(broker.uri(), "it-pub-" + UUID.randomUUID(), new MemoryPersistence());
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      client.connect(options);
      try {
        for (Message m : messages) {
          MqttMessage message = new MqttMessage(m.payload());
          message.setQos(1);
          String topic = m.movement() ? topics.movements(Layouts.SITE, "gw-1") : topics.locations(Layouts.SITE, "gw-1");
          while (!published(client, topic, message)) {
            Thread.onSpinWait();
          }
        }
      } finally {
        client.disconnect();
        client.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException("publishing failed", e);
    }
  }

  /**
   * Publishes at QoS 1; false when Paho's in-flight window is still full (the PUBACK of the previous message
   * completed the token before the window slot was released), to be tried again.
   */
  private static boolean published(MqttClient client, String topic, MqttMessage message) throws Exception {
    try {
      client.publish(topic, message);
      return true;
    } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
      if (e.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
        return false;
      }
      throw e;
    }
  }

  /** Bin id to tag count, from the API's occupancy snapshot (the live state). */
  private static Map<String, Integer> occupancy(int port) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/api/sites/dc1/occupancy")).build(),
        HttpResponse.BodyHandlers.ofString());
    Map<String, Integer> result = new TreeMap<>();
    for (JsonNode bin : JSON.readTree(r.body()).get("bins")) {
      result.put(bin.get("bin").asText(), bin.get("count").asInt());
    }
    return result;
  }

  private static long count(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<List<String>> rows(TestDatabase db, String sql) throws Exception {
    List<List<String>> result = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        result.add(row);
      }
    }
    return result;
  }

  /**
   * Movements of 20 tags (drawn from a pool, so tags move again) and location events putting tags into
   * bins, at distinct times (movements on whole seconds, locations on half seconds), with the occupancy
   * that the latest observation of each tag gives.
   */
  record Workload(List<Message> messages, Map<String, Integer> expectedOccupancy) {
    static Workload generate(Random random, Instant start) {
      EventCodec codec = new EventCodec();
      List<Message> messages = new ArrayList<>();
      Map<String, Instant> latestAt = new TreeMap<>();
      Map<String, String> latestBin = new TreeMap<>();
      for (int i = 0; i < MOVEMENTS; i++) {
        Instant at = start.plusSeconds(2L * i);
        List<String> tags = new ArrayList<>();
        while (tags.size() < TAGS_PER_MOVEMENT) {
          String tag = epc(random.nextInt(TAG_POOL));
          if (!tags.contains(tag)) {
            tags.add(tag);
          }
        }
        messages.add(new Message(true, codec.encode(Events.movement(i % 2 == 0 ? "door-1" : "door-2",
            i % 3 == 0 ? Direction.OUT : Direction.IN, at, tags))));
        for (String tag : tags) {
          latestAt.merge(tag, at, (a, b) -> a.isAfter(b) ? a : b);
          if (latestAt.get(tag).equals(at)) {
            latestBin.remove(tag);
          }
        }
      }
      String[] bins = {"A-01", "A-02", "B-01"};
      java.util.Set<String> used = new java.util.HashSet<>();
      for (int j = 0; j < LOCATIONS; j++) {
        String tag = epc(random.nextInt(TAG_POOL));
        String bin = bins[random.nextInt(bins.length)];
        Instant at = start.plusMillis(500 + 1000L * random.nextInt(2 * MOVEMENTS));
        if (!used.add(tag + at)) {
          j--; // one tag in two places at one instant would leave the expected bin to the event id
          continue;
        }
        messages.add(new Message(false, codec.encode(Events.location(tag, bin, at))));
        if (latestAt.get(tag) == null || at.isAfter(latestAt.get(tag))) {
          latestAt.put(tag, at);
          latestBin.put(tag, bin);
        }
      }
      Collections.shuffle(messages, random);
      Map<String, Integer> occupancy = new TreeMap<>();
      for (String bin : bins) {
        occupancy.put(bin, 0);
      }
      latestBin.values().forEach(bin -> occupancy.merge(bin, 1, Integer::sum));
      return new Workload(List.copyOf(messages), occupancy);
    }
  }
}
