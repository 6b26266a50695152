package io.tagflow.controlplane.store;

import static io.tagflow.controlplane.EventFixtures.epc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tagflow.controlplane.EventFixtures;
import io.tagflow.controlplane.fixtures.AppliedStore;
import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotStatus;
import io.tagflow.controlplane.model.TagRecord;
import io.tagflow.controlplane.repository.Repositories;
import io.tagflow.controlplane.repository.postgres.PgRepositories;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.testing.TestDatabase;
import io.tagflow.testing.TestServices;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What only the TimescaleDB mode has: the policies its migrations install, and that they do their work.
 * Policies act relative to the server's clock, so the movements here are placed relative to the
 * server's {@code now()}, far enough back to be compressible. Runs when {@link TestServices} finds a
 * server with TimescaleDB ({@code TAGFLOW_TEST_TIMESCALE_URL}); skipped otherwise. {@link StoreIT} runs the
 * behaviour both modes share.
 */
class TimescaleStoreIT {
  private static TestDatabase server;
  private static Database db;
  private static Instant serverNow;

  @BeforeAll
  static void openDatabase() throws SQLException {
    Optional<TestDatabase> timescale = TestServices.newTimescaleDatabase("timescale_store");
    assumeTrue(timescale.isPresent(), "no TimescaleDB server (set " + TestServices.TIMESCALE_URL_ENV + ")");
    server = timescale.get();
    db = Database.open(StoreOptions.defaults(server.jdbcUrl()), Clock.systemUTC());
    serverNow = Instant.ofEpochSecond(Long.parseLong(ModeDatabases.queryRows(db,
        "SELECT extract(epoch FROM now())::bigint").get(0)));
    ModeDatabases.pausePolicies(db); // the tests run them (runJobs)
  }

  @AfterAll
  static void dropDatabase() {
    if (db != null) {
      db.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void migrate_installsCompressionRetentionAndRefreshPolicies() throws SQLException {
    assertThat(db.mode()).isEqualTo(StorageMode.TIMESCALE);
    // The aggregate's policy is filed under its materialisation hypertable: shown by the view's name.
    assertThat(ModeDatabases.queryRows(db, "SELECT j.proc_name || ' ' || coalesce(ca.view_name, j.hypertable_name, '(job)')"
        + " || ' ' || coalesce(extract(epoch FROM coalesce(j.config->>'compress_after', j.config->>'drop_after',"
        + " j.config->>'start_offset')::interval)::bigint::text, 'null')"
        + " FROM timescaledb_information.jobs j LEFT JOIN timescaledb_information.continuous_aggregates ca"
        + " ON ca.materialization_hypertable_name = j.hypertable_name"
        + " WHERE (j.proc_name LIKE 'policy_%' AND j.hypertable_name IS NOT NULL) OR j.proc_name LIKE 'tagflow_%'"
        + " ORDER BY 1")).containsExactly(
        "policy_compression movements " + StoreOptions.DEFAULT_COMPRESS_AFTER.toSeconds(),
        "policy_refresh_continuous_aggregate movements_per_door_5m null",
        "policy_retention movement_tags " + StoreOptions.DEFAULT_RETAIN_FOR.toSeconds(),
        "policy_retention movements " + StoreOptions.DEFAULT_RETAIN_FOR.toSeconds(),
        // movement_tags: stamped, then compressed, by the job of migration V8_2 instead of TimescaleDB's policy
        "tagflow_compress_movement_tags (job) " + StoreOptions.DEFAULT_COMPRESS_AFTER.toSeconds());
    assertThat(ModeDatabases.queryRows(db, "SELECT hypertable_name || ' ' || attname || ' '"
        + " || coalesce('segmentby ' || segmentby_column_index, 'orderby ' || orderby_column_index)"
        + " FROM timescaledb_information.compression_settings ORDER BY hypertable_name, segmentby_column_index,"
        + " orderby_column_index")).containsExactly(
        "movement_tags lot_id segmentby 1", "movement_tags moved_at orderby 1", "movement_tags movement_id orderby 2",
        "movement_tags epc orderby 3",
        "movements site_id segmentby 1", "movements moved_at orderby 1", "movements movement_id orderby 2");
    assertThat(ModeDatabases.queryRows(db, "SELECT view_name || ' ' || materialized_only"
        + " FROM timescaledb_information.continuous_aggregates")).containsExactly("movements_per_door_5m false");
  }

  @Test
  void store_sameBatchAfterCompressionPolicyRan_storesNothingTwice() throws SQLException {
    EventFixtures f = new EventFixtures(serverNow.minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.DAYS));
    List<MovementEvent> movements = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      movements.add(f.advance(Duration.ofMinutes(7)).movement("D" + (i % 2), Direction.IN, epc(100 + i),
          epc(200 + i)));
    }
    EventBatch batch = new EventBatch(f.now(), movements, List.of(), List.of(), List.of(), List.of());
    AppliedStore store = AppliedStore.open(db.dataSource());
    StoredBatch first = store.store(batch);
    String rows = "SELECT count(*) FROM movements m JOIN movement_tags t USING (movement_id, moved_at)"
        + " WHERE m.moved_at < '" + f.now().plusSeconds(1) + "'";

    runCompressionJobs();
    StoredBatch again = store.store(batch);

    assertThat(first.newMovements()).hasSize(20);
    assertThat(ModeDatabases.queryRows(db, "SELECT hypertable_name || ' ' || bool_and(is_compressed)"
        + " FROM timescaledb_information.chunks WHERE range_end <= '" + f.now().truncatedTo(ChronoUnit.DAYS)
        .plus(Duration.ofDays(1)) + "' GROUP BY hypertable_name ORDER BY 1"))
        .containsExactly("movement_tags true", "movements true");
    assertThat(again.newMovements()).isEmpty();
    assertThat(again.duplicateMovements()).isEqualTo(20);
    assertThat(ModeDatabases.queryRows(db, rows)).containsExactly("40");
    assertThat(new MovementRepository(db.dataSource()).tagsOf(movements.get(3).movementId())).hasSize(2);
  }

  @Test
  void doorTraffic_movementArrivingDaysLate_isCountedAfterNextRefresh() throws SQLException {
    Instant bucket = serverNow.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
    EventFixtures f = new EventFixtures(bucket);
    AppliedStore store = AppliedStore.open(db.dataSource());
    MovementRepository repo = new MovementRepository(db.dataSource());
    // A recent movement moves the materialisation watermark past the late one's bucket, as traffic does.
    MovementEvent recent = new EventFixtures(serverNow.minus(Duration.ofHours(1))).movement("NOW", Direction.IN,
        epc(299));
    store.store(new EventBatch(f.now(), List.of(recent, f.advance(Duration.ofMinutes(1)).movement("LATE",
        Direction.OUT, epc(300))), List.of(), List.of(), List.of(), List.of()));
    runJobs("policy_refresh_continuous_aggregate");
    assertThat(repo.doorTraffic(EventFixtures.SITE, bucket, bucket.plus(Duration.ofHours(1))))
        .containsExactly(new DoorTraffic("LATE", Direction.OUT, bucket, 1));

    // Below the watermark now: real-time aggregation no longer reads this bucket from the raw rows.
    store.store(new EventBatch(serverNow, List.of(f.advance(Duration.ofMinutes(1)).movement("LATE", Direction.OUT,
        epc(301))), List.of(), List.of(), List.of(), List.of()));
    runJobs("policy_refresh_continuous_aggregate");

    assertThat(repo.doorTraffic(EventFixtures.SITE, bucket, bucket.plus(Duration.ofHours(1))))
        .containsExactly(new DoorTraffic("LATE", Direction.OUT, bucket, 2));
  }

  @Test
  void movementsOfLot_compressedChunksThenRegistryChanged_followsRegistryAsItIsNow() throws SQLException {
    Repositories repos = PgRepositories.create(db.dataSource(), Clock.systemUTC());
    for (String lot : List.of("TS-A", "TS-B")) {
      repos.lots().create(new Lot(lot, "00614141812345", null, LocalDate.of(2027, 3, 1), LotStatus.ACTIVE, null, "t",
          serverNow));
    }
    repos.tags().upsertAll(List.of(new TagRecord(epc(400), "TS-A"), new TagRecord(epc(401), "TS-A"),
        new TagRecord(epc(402), "TS-B")));
    EventFixtures f = new EventFixtures(serverNow.minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.DAYS));
    // epc(403) is not registered yet when its chunk is stamped.
    MovementEvent mixed = f.advance(Duration.ofMinutes(10)).movement("D1", Direction.IN, epc(400), epc(401),
        epc(402), epc(403));
    MovementEvent onlyB = f.advance(Duration.ofMinutes(10)).movement("D2", Direction.OUT, epc(402));
    AppliedStore store = AppliedStore.open(db.dataSource());
    store.store(new EventBatch(f.now(), List.of(mixed, onlyB), List.of(), List.of(), List.of(), List.of()));
    MovementRepository repo = new MovementRepository(db.dataSource());
    MovementSummary mixedAsStored = repo.find(MovementQuery.of(EventFixtures.SITE, mixed.startedAt(),
        mixed.endedAt().plusSeconds(1))).movements().get(0);

    runCompressionJobs();
    List<String> stamped = ModeDatabases.queryRows(db, "SELECT epc || ' ' || coalesce(lot_id, '-') || ' ' || door_id"
        + " FROM movement_tags WHERE movement_id = '" + mixed.movementId() + "' ORDER BY epc");
    List<String> compressed = ModeDatabases.queryRows(db, "SELECT bool_and(is_compressed)::text"
        + " FROM timescaledb_information.chunks WHERE hypertable_name = 'movement_tags' AND range_start <= '"
        + f.now() + "' AND range_end > '" + f.now() + "'");
    // After the stamping: epc(401) moves to B, epc(403) is registered in A, and a late movement lands in the
    // compressed chunk (not stamped: found by EPC).
    repos.tags().upsertAll(List.of(new TagRecord(epc(401), "TS-B"), new TagRecord(epc(403), "TS-A")));
    MovementEvent late = f.advance(Duration.ofMinutes(10)).movement("D3", Direction.IN, epc(400));
    store.store(new EventBatch(f.now(), List.of(late), List.of(), List.of(), List.of(), List.of()));
    List<String> traceA = trace(repo, "TS-A");
    List<String> traceB = trace(repo, "TS-B");
    runCompressionJobs(); // recompresses the chunk with the late rows in it
    List<String> traceAAfterRecompression = trace(repo, "TS-A");

    assertThat(compressed).containsExactly("true");
    assertThat(stamped).containsExactly(epc(400) + " TS-A D1", epc(401) + " TS-A D1", epc(402) + " TS-B D1",
        epc(403) + " - D1");
    assertThat(traceA).containsExactly(mixed.movementId() + " D1 2", late.movementId() + " D3 1");
    assertThat(traceB).containsExactly(mixed.movementId() + " D1 2", onlyB.movementId() + " D2 1");
    assertThat(traceAAfterRecompression).isEqualTo(traceA);
    assertThat(repo.movementsOfLot("TS-B", 10).get(0).movement()).isEqualTo(mixedAsStored);
  }

  private static List<String> trace(MovementRepository repo, String lotId) throws SQLException {
    return repo.movementsOfLot(lotId, 10).stream()
        .map(m -> m.movement().movementId() + " " + m.movement().doorId() + " " + m.lotTags()).toList();
  }

  /** Runs both compression jobs: TimescaleDB's policy for movements, the stamping job for movement_tags. */
  private static void runCompressionJobs() throws SQLException {
    runJobs("policy_compression");
    runJobs("tagflow_compress_movement_tags");
  }

  /** Runs the database's jobs of one policy now, as the scheduler would (run_job needs no scheduling). */
  private static void runJobs(String procName) throws SQLException {
    List<String> jobs = ModeDatabases.queryRows(db, "SELECT job_id FROM timescaledb_information.jobs"
        + " WHERE proc_name = '" + procName + "' ORDER BY job_id");
    assertThat(jobs).isNotEmpty();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String job : jobs) {
        s.execute("CALL run_job(" + job + ")");
      }
    }
  }
}
