package io.tagflow.controlplane.repository.postgres;

import static io.tagflow.controlplane.fixtures.Layouts.epc;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.controlplane.anomaly.Anomaly;
import io.tagflow.controlplane.anomaly.AnomalyStatus;
import io.tagflow.controlplane.anomaly.AnomalyType;
import io.tagflow.controlplane.fixtures.AppliedStore;
import io.tagflow.controlplane.fixtures.Events;
import io.tagflow.controlplane.live.Observation;
import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotStatus;
import io.tagflow.controlplane.model.ShipmentAuthorisation;
import io.tagflow.controlplane.model.TagRecord;
import io.tagflow.controlplane.repository.Repositories;
import io.tagflow.controlplane.store.Database;
import io.tagflow.controlplane.store.EventBatch;
import io.tagflow.controlplane.store.MovementQuery;
import io.tagflow.controlplane.store.StoreOptions;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.testing.TestDatabase;
import io.tagflow.testing.TestServices;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API's repositories against a real, migrated PostgreSQL store. */
class PgRepositoriesIT {
  static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  static TestDatabase server;
  static Database db;
  static Repositories repos;

  @BeforeAll
  static void open() throws Exception {
    server = TestServices.newDatabase("pg_repositories");
    db = Database.open(StoreOptions.defaults(server.jdbcUrl()).withForcePlain(true), Clock.fixed(T0, ZoneOffset.UTC));
    repos = PgRepositories.create(db.dataSource(), Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    db.close();
    server.close();
  }

  static Lot lot(String id) {
    return new Lot(id, "09506000134352", "apples", LocalDate.of(2027, 1, 31), LotStatus.ACTIVE, null, "alice", T0);
  }

  @Test
  void lots_createFindUpdate_roundTripEveryField() {
    assertThat(repos.lots().create(lot("L-1"))).isTrue();
    assertThat(repos.lots().create(lot("L-1"))).isFalse();

    assertThat(repos.lots().find("L-1")).hasValue(lot("L-1"));
    Lot locked = lot("L-1").withStatus(LotStatus.QUARANTINED, "mould", "bob", T0.plusSeconds(60));
    // Found (and kept for the anomaly rules) just before: the update must still be seen at once.
    assertThat(repos.lots().update(locked)).hasValue(locked);
    assertThat(repos.lots().find("L-1")).hasValue(locked);
    assertThat(repos.lots().update(lot("L-NONE"))).isEmpty();
  }

  @Test
  void lots_findAll_oneQueryForMany_missingOnesLeftOut() {
    repos.lots().create(lot("L-A"));
    repos.lots().create(lot("L-B"));

    assertThat(repos.lots().findAll(List.of("L-A", "L-B", "L-NONE")))
        .containsOnlyKeys("L-A", "L-B")
        .containsEntry("L-B", repos.lots().find("L-B").orElseThrow());
    assertThat(repos.lots().findAll(List.of())).isEmpty();
  }

  @Test
  void tags_upsertAndLookUp() {
    repos.lots().create(lot("L-2"));
    repos.tags().upsertAll(List.of(new TagRecord(epc(1), "L-2"), new TagRecord(epc(2), "L-2")));

    assertThat(repos.tags().lotOf(epc(1))).hasValue("L-2");
    assertThat(repos.tags().lotOf(epc(99))).isEmpty();
    assertThat(repos.tags().epcsOfLot("L-2", 10)).containsExactly(epc(1), epc(2));
  }

  @Test
  void tags_prefetch_loadsEveryGivenTagInBulkIntoTheCache() throws Exception {
    repos.lots().create(lot("L-P"));
    repos.tags().upsertAll(List.of(new TagRecord(epc(41), "L-P"), new TagRecord(epc(42), "L-P")));
    Repositories fresh = PgRepositories.create(db.dataSource(), Clock.systemUTC());

    fresh.tags().prefetch(List.of(epc(41), epc(42), epc(43)));
    try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
      s.executeUpdate("DELETE FROM tags WHERE lot_id = 'L-P'");
    }

    // Answered from what prefetch loaded (the rows are gone), including the negative answer.
    assertThat(fresh.tags().lotOf(epc(41))).hasValue("L-P");
    assertThat(fresh.tags().lotOf(epc(42))).hasValue("L-P");
    assertThat(fresh.tags().lotOf(epc(43))).isEmpty();
    assertThat(PgRepositories.create(db.dataSource(), Clock.systemUTC()).tags().lotOf(epc(41))).isEmpty();
  }

  @Test
  void anomalies_insertOnceListAndChangeStatusWithCompareAndSet() {
    Anomaly a = Anomaly.builder(AnomalyType.UNEXPECTED_EXIT, "dc1", T0).key("m1").door("door-1").lot("L-1")
        .epcs(List.of(epc(1))).detail("left").build();

    assertThat(repos.anomalies().insert(a)).isTrue();
    assertThat(repos.anomalies().insert(a)).isFalse();
    assertThat(repos.anomalies().findAnomaly(a.id())).hasValue(a);
    assertThat(repos.anomalies().findAnomaly("not-a-uuid")).isEmpty();

    Anomaly acked = a.withStatus(AnomalyStatus.ACKNOWLEDGED, "sup", T0.plusSeconds(5));
    assertThat(repos.anomalies().updateStatus(acked, AnomalyStatus.OPEN)).isTrue();
    assertThat(repos.anomalies().updateStatus(acked, AnomalyStatus.OPEN)).isFalse();
    assertThat(repos.anomalies().list("dc1", AnomalyStatus.ACKNOWLEDGED, 10)).containsExactly(acked);
    assertThat(repos.anomalies().list("dc1", AnomalyStatus.OPEN, 10)).isEmpty();
  }

  @Test
  void anomalies_insertAll_storesTheNewOnesInOneGoAndReportsThem() {
    // A site of its own: the other tests of this class share the database.
    Anomaly old = Anomaly.builder(AnomalyType.UNREGISTERED_TAG, "dc-batch", T0).key("m1").door("door-1")
        .epcs(List.of(epc(1))).build();
    Anomaly fresh = Anomaly.builder(AnomalyType.UNREGISTERED_TAG, "dc-batch", T0.plusSeconds(1)).key("m2")
        .door("door-1").epcs(List.of(epc(2), epc(3))).build();
    repos.anomalies().insert(old);

    assertThat(repos.anomalies().insertAll(List.of(old, fresh, fresh))).containsExactly(fresh);
    assertThat(repos.anomalies().insertAll(List.of())).isEmpty();
    assertThat(repos.anomalies().list("dc-batch", null, 10)).containsExactly(fresh, old);
  }

  @Test
  void authorisations_createOpenForClose() {
    ShipmentAuthorisation open = new ShipmentAuthorisation(UUID.randomUUID().toString(), "dc1", "door-1", "L-1", 5,
        0, null, true, "planner", T0);
    ShipmentAuthorisation until = new ShipmentAuthorisation(UUID.randomUUID().toString(), "dc1", "door-2", "L-1", 2,
        0, T0.plusSeconds(3600), true, "planner", T0.plusSeconds(1));
    repos.authorisations().create(open);
    repos.authorisations().create(until);

    assertThat(repos.authorisations().openFor("dc1", "door-1")).containsExactly(open);
    assertThat(repos.authorisations().list("dc1", 10)).containsExactly(until, open);
    assertThat(repos.authorisations().consume(until.id(), 2)).isTrue();
    assertThat(repos.authorisations().consume(until.id(), 1)).as("over quantity").isFalse();
    assertThat(repos.authorisations().openFor("dc1", "door-2")).singleElement()
        .extracting(ShipmentAuthorisation::shipped).isEqualTo(2);
    assertThat(repos.authorisations().close(open.id())).hasValue(open.closed());
    assertThat(repos.authorisations().openFor("dc1", "door-1")).isEmpty();
    assertThat(repos.authorisations().close(UUID.randomUUID().toString())).isEmpty();
  }

  @Test
  void movementsAndObservations_afterStoreBatch_rebuildInputMatches() throws Exception {
    repos.lots().create(lot("L-3"));
    repos.tags().upsertAll(List.of(new TagRecord(epc(31), "L-3")));
    MovementEvent out = Events.movement("door-2", Direction.OUT, T0.plusSeconds(300), List.of(epc(31), epc(32)));
    AppliedStore.open(db.dataSource()).store(new EventBatch(T0.plusSeconds(301), List.of(out),
        List.of(Events.location(epc(33), "A-01", T0.plusSeconds(10))), List.of(), List.of(), List.of()));

    assertThat(repos.movements().find(MovementQuery.of("dc1", T0, T0.plusSeconds(3600)).withDirection(Direction.OUT))
        .movements()).singleElement().satisfies(m -> assertThat(m.movementId()).isEqualTo(out.movementId()));
    assertThat(repos.movements().ofLot("L-3", 10)).singleElement()
        .satisfies(lm -> assertThat(lm.lotTags()).isEqualTo(1));

    List<Observation> observations = repos.observations().latestObservations("dc1");
    assertThat(observations).filteredOn(o -> o.epc().equals(epc(31))).singleElement().satisfies(o -> {
      assertThat(o.via()).isEqualTo(Observation.Via.MOVEMENT_OUT);
      assertThat(o.place()).isEqualTo("door-2");
      assertThat(o.eventId()).isEqualTo(out.movementId().toString());
    });
    assertThat(observations).filteredOn(o -> o.epc().equals(epc(33))).singleElement().satisfies(o -> {
      assertThat(o.via()).isEqualTo(Observation.Via.LOCATION);
      assertThat(o.place()).isEqualTo("A-01");
    });
  }
}
