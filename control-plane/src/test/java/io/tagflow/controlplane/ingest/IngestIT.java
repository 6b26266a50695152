package io.tagflow.controlplane.ingest;

import static io.tagflow.controlplane.EventFixtures.GATEWAY;
import static io.tagflow.controlplane.EventFixtures.SITE;
import static io.tagflow.controlplane.EventFixtures.epc;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagflow.controlplane.EventFixtures;
import io.tagflow.controlplane.fixtures.AppliedStore;
import io.tagflow.controlplane.ingest.IngestMetrics.DeadLetterCause;
import io.tagflow.controlplane.store.Database;
import io.tagflow.controlplane.store.DeadLetter;
import io.tagflow.controlplane.store.DeadLetterRepository;
import io.tagflow.controlplane.store.DeviceStateRepository;
import io.tagflow.controlplane.store.EventBatch;
import io.tagflow.controlplane.store.EventStore;
import io.tagflow.controlplane.store.StoreOptions;
import io.tagflow.controlplane.store.StoredBatch;
import io.tagflow.controlplane.store.TagLocationRepository;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.GatewayHealthEvent;
import io.tagflow.protocol.event.GatewayStatus;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.ReaderState;
import io.tagflow.protocol.event.ReaderStatusEvent;
import io.tagflow.protocol.event.Topics;
import io.tagflow.testing.TestBroker;
import io.tagflow.testing.TestDatabase;
import io.tagflow.testing.TestServices;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ingest over a real MQTT 5 broker into a real PostgreSQL: publisher to committed rows. */
class IngestIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static TestDatabase testDb;
  private static Database db;
  private static TestBroker broker;
  private static MqttClient publisher;
  private static final List<String> retainedTopics = new ArrayList<>();

  private final EventCodec codec = new EventCodec();
  private final BlockingQueue<StoredBatch> stored = new LinkedBlockingQueue<>();
  private final List<MqttIngest> ingests = new ArrayList<>();
  private Topics topics;
  private EventFixtures events;

  @BeforeAll
  static void startServices() throws Exception {
    testDb = TestServices.newDatabase("ingest");
    db = Database.open(StoreOptions.defaults(testDb.jdbcUrl()), Clock.systemUTC());
    broker = TestServices.newBroker("ingest");
    publisher = new MqttClient(broker.uri(), "it-ingest-pub-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    publisher.connect(options);
  }

  @AfterAll
  static void stopServices() throws Exception {
    // Leave no retained messages behind on a shared broker: an empty retained PUBLISH clears them.
    for (String topic : retainedTopics) {
      MqttMessage clear = new MqttMessage(new byte[0]);
      clear.setQos(1);
      clear.setRetained(true);
      publisher.publish(topic, clear);
    }
    publisher.disconnect();
    publisher.close();
    db.close();
    testDb.close();
  }

  @BeforeEach
  void freshTopics() {
    // Each test gets its own topic tree below the broker's prefix and its own session.
    topics = Topics.under(broker.topicPrefix() + UUID.randomUUID().toString().substring(0, 8) + "/");
    events = new EventFixtures(Instant.parse("2026-11-21T08:00:00Z"));
  }

  @AfterEach
  void closeIngests() throws Exception {
    for (MqttIngest ingest : ingests) {
      ingest.close();
    }
  }

  @Test
  void ingest_eventsOfEveryKindAndBadPayloads_commitRowsAndDeadLetters() throws Exception {
    MqttIngest ingest = start(clientId(), AppliedStore.open(db.dataSource()));
    MovementEvent movement = events.movement("D4", Direction.OUT, epc(1), epc(2));
    LocationEvent location = events.advance(Duration.ofMinutes(1)).location(epc(3), "A-01");
    ReaderStatusEvent status = ReaderStatusEvent.of(SITE, GATEWAY, "r-d4", ReaderState.DISCONNECTED, events.now(),
        "connection refused");
    GatewayHealthEvent health = GatewayHealthEvent.of(SITE, GATEWAY, GatewayStatus.ONLINE, events.now(), "0.1.0");
    byte[] bad = "{\"schemaVersion\":1,\"movementId\":42}".getBytes(StandardCharsets.UTF_8);
    String badSiteTopic = topics.root() + "/dc lyon/" + GATEWAY + "/movements";

    publish(topics.movements(SITE, GATEWAY), codec.encode(movement), false);
    publish(topics.locations(SITE, GATEWAY), codec.encode(location), false);
    publish(topics.readerStatus(SITE, GATEWAY, "r-d4"), codec.encode(status), true);
    publish(topics.health(SITE, GATEWAY), codec.encode(health), true);
    publish(topics.movements(SITE, GATEWAY), bad, false);
    publish(badSiteTopic, codec.encode(movement), false);
    List<StoredBatch> batches = awaitStored(6);

    assertThat(batches.stream().flatMap(b -> b.newMovements().stream())).containsExactly(movement);
    assertThat(rows("SELECT movement_id || ' ' || door_id || ' ' || tag_count FROM movements WHERE site_id = '" + SITE
        + "' AND door_id = 'D4'"))
        .containsExactly(movement.movementId() + " D4 2");
    assertThat(new TagLocationRepository(db.dataSource()).locationOf(epc(3)).binId()).isEqualTo("A-01");
    assertThat(new TagLocationRepository(db.dataSource()).locationOf(epc(1)).doorId()).isEqualTo("D4");
    assertThat(new DeviceStateRepository(db.dataSource()).readers(SITE)).containsExactly(status);
    assertThat(new DeviceStateRepository(db.dataSource()).gateways(SITE)).containsExactly(health);
    List<DeadLetter> deadLetters = new DeadLetterRepository(db.dataSource()).recent(10).stream()
        .filter(d -> d.topic().startsWith(topics.root())).toList();
    assertThat(deadLetters).extracting(DeadLetter::reason).containsExactlyInAnyOrder(
        "movementId: expected a UUID, got 42",
        "topic: site level \"dc lyon\" is not an id (1-64 characters [A-Za-z0-9._-] starting with a letter or digit)");
    assertThat(deadLetters).filteredOn(d -> d.reason().startsWith("movementId")).singleElement()
        .satisfies(d -> assertThat(d.payload()).isEqualTo(bad));
    assertThat(ingest.metrics().deadLetters(DeadLetterCause.PAYLOAD)).isEqualTo(1);
    assertThat(ingest.metrics().deadLetters(DeadLetterCause.TOPIC)).isEqualTo(1);
  }

  @Test
  void ingest_sameMovementPublishedTwice_storesOneRow() throws Exception {
    start(clientId(), AppliedStore.open(db.dataSource()));
    MovementEvent movement = events.advance(Duration.ofHours(1)).movement("D7", Direction.IN, epc(10));

    publish(topics.movements(SITE, GATEWAY), codec.encode(movement), false);
    publish(topics.movements(SITE, GATEWAY), codec.encode(movement), false);
    List<StoredBatch> batches = awaitStored(2);

    assertThat(batches.stream().mapToInt(b -> b.newMovements().size()).sum()).isEqualTo(1);
    assertThat(batches.stream().mapToInt(StoredBatch::duplicateMovements).sum()).isEqualTo(1);
    assertThat(rows("SELECT count(*) FROM movements WHERE movement_id = '" + movement.movementId() + "'"))
        .containsExactly("1");
  }

  @Test
  void ingest_databaseDownThenRestart_brokerRedeliversUnacknowledgedMessage() throws Exception {
    String clientId = clientId();
    BlockingQueue<EventBatch> failedAttempts = new LinkedBlockingQueue<>();
    EventStore down = batch -> {
      failedAttempts.add(batch);
      throw new SQLException("connection refused", "08001");
    };
    MqttIngest first = start(clientId, down);
    MovementEvent movement = events.advance(Duration.ofHours(2)).movement("D2", Direction.OUT, epc(20));

    publish(topics.movements(SITE, GATEWAY), codec.encode(movement), false);
    EventBatch attempted = failedAttempts.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(attempted).isNotNull();
    assertThat(attempted.movements()).containsExactly(movement);
    first.close();
    ingests.remove(first);
    assertThat(rows("SELECT count(*) FROM movements WHERE movement_id = '" + movement.movementId() + "'"))
        .containsExactly("0");

    // Same client id, so the same broker session: the unacknowledged message comes back.
    start(clientId, AppliedStore.open(db.dataSource()));
    List<StoredBatch> batches = awaitStored(1);

    assertThat(batches.stream().flatMap(b -> b.newMovements().stream())).containsExactly(movement);
    assertThat(rows("SELECT count(*) FROM movements WHERE movement_id = '" + movement.movementId() + "'"))
        .containsExactly("1");
  }

  @Test
  void verticle_brokerUnreachable_failsDeployment() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      // Port 1 on loopback: nothing listens there, the connection is refused at once.
      IngestOptions options = IngestOptions.defaults("tcp://127.0.0.1:1", clientId());
      MqttIngest ingest = new MqttIngest(options, AppliedStore.open(db.dataSource()), List.of(),
          new SimpleMeterRegistry(), Clock.systemUTC());

      var deployment = vertx.deployVerticle(new IngestVerticle(ingest)).toCompletionStage().toCompletableFuture();

      assertThat(deployment).failsWithin(WAIT).withThrowableThat().havingRootCause()
          .isInstanceOf(java.net.ConnectException.class);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  @Test
  void verticle_deployThenUndeploy_ingestsWhileDeployed() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      MqttIngest ingest = newIngest(clientId(), AppliedStore.open(db.dataSource()));
      String deployment = vertx.deployVerticle(new IngestVerticle(ingest)).toCompletionStage().toCompletableFuture()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      MovementEvent movement = events.advance(Duration.ofHours(3)).movement("D5", Direction.IN, epc(30));

      publish(topics.movements(SITE, GATEWAY), codec.encode(movement), false);
      List<StoredBatch> batches = awaitStored(1);
      vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(batches.get(0).newMovements()).containsExactly(movement);
      assertThat(vertx.deploymentIDs()).isEmpty();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private MqttIngest start(String clientId, EventStore store) throws Exception {
    MqttIngest ingest = newIngest(clientId, store);
    ingests.add(ingest);
    ingest.start();
    return ingest;
  }

  private MqttIngest newIngest(String clientId, EventStore store) throws Exception {
    IngestOptions options = IngestOptions.defaults(broker.uri(), clientId)
        .withTopicPrefix(topics.root().substring(0, topics.root().length() - Topics.ROOT.length()))
        .withBatching(50, Duration.ofMillis(20))
        .withRetryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
        // Long enough for the restart test; short so that test sessions do not linger on a shared broker.
        .withSessionExpiry(Duration.ofSeconds(60));
    return new MqttIngest(options, store, List.of(stored::add), new SimpleMeterRegistry(), Clock.systemUTC());
  }

  private static String clientId() {
    return "it-ingest-" + UUID.randomUUID();
  }

  private void publish(String topic, byte[] payload, boolean retained) throws Exception {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    message.setRetained(retained);
    publisher.publish(topic, message);
    if (retained) {
      retainedTopics.add(topic);
    }
  }

  /** Waits until committed batches hold {@code messages} events and dead letters in all. */
  private List<StoredBatch> awaitStored(int messages) throws InterruptedException {
    List<StoredBatch> batches = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    int seen = 0;
    while (seen < messages) {
      StoredBatch batch = stored.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(batch).as("%d of %d messages stored within %s", seen, messages, WAIT).isNotNull();
      batches.add(batch);
      seen += batch.batch().size();
    }
    return batches;
  }

  private static List<String> rows(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
