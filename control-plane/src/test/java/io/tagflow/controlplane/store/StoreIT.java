package io.tagflow.controlplane.store;

import static io.tagflow.controlplane.EventFixtures.epc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagflow.controlplane.EventFixtures;
import io.tagflow.controlplane.fixtures.AppliedStore;
import io.tagflow.controlplane.fixtures.Poll;
import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotStatus;
import io.tagflow.controlplane.model.TagRecord;
import io.tagflow.controlplane.repository.Repositories;
import io.tagflow.controlplane.repository.postgres.PgRepositories;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store against a real PostgreSQL. Every test runs once per storage mode the server offers: plain
 * partitioning always, TimescaleDB when the server has the extension. Each mode gets its own
 * database, and each test its own site id, so tests do not see each other's rows.
 */
class StoreIT {
  private static final Instant START = Instant.parse("2026-11-21T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(START, ZoneOffset.UTC);
  private static ModeDatabases databases;

  @BeforeAll
  static void openDatabases() throws SQLException {
    databases = new ModeDatabases("store", CLOCK);
  }

  @AfterAll
  static void dropDatabases() {
    databases.close();
  }

  static Stream<StorageMode> modes() {
    return databases.modes();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void open_freshDatabase_recordsChosenModeAndKeepsItOnReopen(StorageMode mode) throws SQLException {
    Database db = databases.get(mode);
    assertThat(db.mode()).isEqualTo(mode);
    assertThat(ModeDatabases.queryRows(db, "SELECT mode FROM storage_mode")).containsExactly(mode.code());

    try (Database again = Database.open(StoreOptions.defaults(databases.server(mode).jdbcUrl()), CLOCK)) {
      assertThat(again.mode()).isEqualTo(mode);
    }
    if (mode == StorageMode.PLAIN) {
      assertThat(ModeDatabases.queryRows(db, "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = 'movements'::regclass"
          + " ORDER BY 1")).containsExactly("movements_202611", "movements_202612", "movements_202701",
          "movements_default");
    } else {
      assertThat(ModeDatabases.queryRows(db, "SELECT hypertable_name FROM timescaledb_information.hypertables ORDER BY 1"))
          .containsExactly("movement_tags", "movements");
      assertThatThrownBy(() -> Database.open(StoreOptions.defaults(databases.server(mode).jdbcUrl()).withForcePlain(true), CLOCK))
          .isInstanceOf(SQLException.class).hasMessageContaining("created with TimescaleDB");
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void store_sameBatchTwice_leavesIdenticalRows(StorageMode mode) throws SQLException {
    Database db = databases.get(mode);
    String site = "idem-" + mode.code();
    EventFixtures f = new EventFixtures(START);
    List<MovementEvent> movements = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      movements.add(siteOf(f.advance(Duration.ofSeconds(30)).movement("D" + (i % 3), i % 2 == 0 ? Direction.IN
          : Direction.OUT, epc(i * 2), epc(i * 2 + 1)), site));
    }
    EventBatch batch = new EventBatch(f.now(), movements, List.of(), List.of(), List.of(), List.of());
    AppliedStore store = AppliedStore.open(db.dataSource());

    StoredBatch first = store.store(batch);
    List<String> afterFirst = snapshot(db, site);
    StoredBatch second = store.store(batch);

    assertThat(first.newMovements()).hasSize(50);
    assertThat(first.duplicateMovements()).isZero();
    assertThat(second.newMovements()).isEmpty();
    assertThat(second.duplicateMovements()).isEqualTo(50);
    assertThat(snapshot(db, site)).isEqualTo(afterFirst).hasSize(50 + 100 + 100);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void store_repeatWithinBatch_storesOnce(StorageMode mode) throws SQLException {
    Database db = databases.get(mode);
    MovementEvent m = siteOf(new EventFixtures(START).movement("D1", Direction.IN, epc(1)), "repeat-" + mode.code());

    StoredBatch stored = AppliedStore.open(db.dataSource())
        .store(new EventBatch(START, List.of(m, m), List.of(), List.of(), List.of(), List.of()));

    assertThat(stored.newMovements()).containsExactly(m);
    assertThat(stored.duplicateMovements()).isEqualTo(1);
    assertThat(ModeDatabases.queryRows(db, "SELECT count(*) FROM movements WHERE movement_id = '" + m.movementId() + "'"))
        .containsExactly("1");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void store_concurrentWriterOfSameMovement_retriesAndStoresTheRestOnce(StorageMode mode) throws Exception {
    Database db = databases.get(mode);
    String site = "race-" + mode.code();
    EventFixtures f = new EventFixtures(START);
    MovementEvent contested = siteOf(f.advance(Duration.ofSeconds(1)).movement("D1", Direction.IN, epc(8000)), site);
    MovementEvent other = siteOf(f.advance(Duration.ofSeconds(1)).movement("D2", Direction.OUT, epc(8001)), site);
    String waiting = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        + " AND wait_event_type = 'Lock'";
    try (AppliedStore store = AppliedStore.open(db.dataSource()); Connection rival = db.connect()) {
      // Another instance's transaction holds the contested movement, not committed yet.
      rival.setAutoCommit(false);
      new MovementRepository(db.dataSource()).insert(rival, List.of(contested), START);
      CompletableFuture<StoredBatch> storing = CompletableFuture.supplyAsync(() -> {
        try {
          return store.store(new EventBatch(f.now(), List.of(contested, other), List.of(), List.of(), List.of(),
              List.of()));
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      // The store's COPY waits on the rival's key; then the rival commits first.
      Poll.until(() -> ModeDatabases.queryRows(db, waiting), rows -> !rows.equals(List.of("0")), Duration.ofSeconds(30));
      rival.commit();
      StoredBatch stored = storing.get(30, TimeUnit.SECONDS);

      assertThat(stored.newMovements()).containsExactly(other);
      assertThat(stored.duplicateMovements()).isEqualTo(1);
    }
    assertThat(ModeDatabases.queryRows(db, "SELECT count(*) FROM movements WHERE site_id = '" + site + "'"))
        .containsExactly("2");
    assertThat(ModeDatabases.queryRows(db, "SELECT count(*) FROM movement_tags WHERE epc IN ('" + epc(8000) + "', '"
        + epc(8001) + "')")).containsExactly("2");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void find_keysetPages_walkEveryMatchExactlyOnceNewestFirst(StorageMode mode) throws SQLException {
    Database db = databases.get(mode);
    String site = "pages-" + mode.code();
    EventFixtures f = new EventFixtures(START);
    List<MovementEvent> movements = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      // Several movements share a millisecond: the cursor must break ties by id.
      if (i % 3 == 0) {
        f.advance(Duration.ofMillis(1));
      }
      movements.add(siteOf(f.movement(i % 2 == 0 ? "D1" : "D2", Direction.OUT, epc(500 + i)), site));
    }
    AppliedStore.open(db.dataSource()).store(new EventBatch(f.now(), movements, List.of(), List.of(), List.of(),
        List.of()));
    MovementRepository repo = new MovementRepository(db.dataSource());
    MovementQuery query = MovementQuery.of(site, START, START.plus(Duration.ofHours(1))).withDoor("D1").withLimit(4);

    List<MovementSummary> seen = new ArrayList<>();
    int pages = 0;
    MovementPage page = repo.find(query);
    while (true) {
      pages++;
      seen.addAll(page.movements());
      if (page.next() == null) {
        break;
      }
      page = repo.find(query.after(MovementCursor.parse(page.next().token())));
    }

    assertThat(pages).isEqualTo(4);
    assertThat(seen).hasSize(13).allSatisfy(s -> assertThat(s.doorId()).isEqualTo("D1"));
    assertThat(seen.stream().map(MovementSummary::movementId).toList()).doesNotHaveDuplicates()
        .containsExactlyElementsOf(movements.stream().filter(m -> m.door().equals("D1"))
            .map(MovementEvent::movementId).sorted((a, b) -> b.toString().compareTo(a.toString())).toList());
    assertThat(repo.find(query.withDirection(Direction.IN)).movements()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void occupancyAndTrace_registeredLot_followsMovementsAndLocations(StorageMode mode) throws SQLException {
    Database db = databases.get(mode);
    String site = EventFixtures.SITE;
    String lotId = "LOT-" + mode.code();
    int base = mode == StorageMode.PLAIN ? 1000 : 2000;
    Repositories repos = PgRepositories.create(db.dataSource(), CLOCK);
    repos.lots().create(new Lot(lotId, "00614141812345", null, LocalDate.of(2027, 3, 1), LotStatus.ACTIVE, null, "t",
        START));
    int imported = repos.tags().upsertAll(IntStream.range(0, 6).mapToObj(i -> new TagRecord(epc(base + i), lotId))
        .toList());
    EventFixtures f = new EventFixtures(START);
    MovementEvent in = f.advance(Duration.ofMinutes(1)).movement("D4", Direction.IN, epc(base), epc(base + 1),
        epc(base + 2), epc(base + 99));
    AppliedStore store = AppliedStore.open(db.dataSource());
    store.store(new EventBatch(f.now(), List.of(in), List.of(), List.of(), List.of(), List.of()));
    f.advance(Duration.ofMinutes(5));
    store.store(new EventBatch(f.now(), List.of(), List.of(f.location(epc(base), "A-01"), f.location(epc(base + 1), "A-01"),
        f.location(epc(base + 99), "A-01"), f.location(epc(base + 2), "B-07")), List.of(), List.of(), List.of()));

    List<BinOccupancy> occupancy = new TagLocationRepository(db.dataSource()).occupancy(site).stream()
        .filter(o -> lotId.equals(o.lotId()) || o.lotId() == null).toList();

    assertThat(imported).isEqualTo(6);
    assertThat(repos.tags().lotOf(epc(base + 5))).hasValue(lotId);
    assertThat(repos.tags().lotOf(epc(base + 99))).isEmpty();
    assertThat(occupancy).contains(new BinOccupancy("A-01", lotId, 2), new BinOccupancy("B-07", lotId, 1));
    assertThat(occupancy).anySatisfy(o -> assertThat(o.lotId()).isNull());
    assertThat(repos.movements().ofLot(lotId, 10)).singleElement().satisfies(m -> {
      assertThat(m.movement().movementId()).isEqualTo(in.movementId());
      assertThat(m.lotTags()).isEqualTo(3);
    });
    TagLocationRepository locations = new TagLocationRepository(db.dataSource());
    List<String> bins = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      bins.add(locations.locationOf(epc(base + i)).binId());
    }
    assertThat(bins).containsExactly("A-01", "A-01", "B-07");
    assertThat(new MovementRepository(db.dataSource()).find(MovementQuery.of(site, START, f.now()).withLot(lotId))
        .movements()).extracting(MovementSummary::movementId).containsExactly(in.movementId());
  }

  @ParameterizedTest
  @MethodSource("modes")
  void movementsOfLot_tagMovedToAnotherLotAfterItsMovement_countsForTheNewLotOnly(StorageMode mode) throws SQLException {
    Database db = databases.get(mode);
    String from = "FROM-" + mode.code();
    String to = "TO-" + mode.code();
    int base = mode == StorageMode.PLAIN ? 1100 : 2100;
    Repositories repos = PgRepositories.create(db.dataSource(), CLOCK);
    for (String lot : List.of(from, to)) {
      repos.lots().create(new Lot(lot, "00614141812345", null, LocalDate.of(2027, 3, 1), LotStatus.ACTIVE, null, "t",
          START));
    }
    repos.tags().upsertAll(List.of(new TagRecord(epc(base), from), new TagRecord(epc(base + 1), from)));
    EventFixtures f = new EventFixtures(START);
    MovementEvent in = f.advance(Duration.ofMinutes(2)).movement("D5", Direction.IN, epc(base), epc(base + 1));
    AppliedStore.open(db.dataSource()).store(new EventBatch(f.now(), List.of(in), List.of(), List.of(), List.of(),
        List.of()));
    MovementRepository repo = new MovementRepository(db.dataSource());
    List<Integer> before = repo.movementsOfLot(from, 10).stream().map(LotMovement::lotTags).toList();

    repos.tags().upsertAll(List.of(new TagRecord(epc(base + 1), to)));

    assertThat(before).containsExactly(2);
    assertThat(repo.movementsOfLot(from, 10)).singleElement().satisfies(m -> assertThat(m.lotTags()).isEqualTo(1));
    assertThat(repo.movementsOfLot(to, 10)).singleElement().satisfies(m -> {
      assertThat(m.movement().movementId()).isEqualTo(in.movementId());
      assertThat(m.movement().doorId()).isEqualTo("D5");
      assertThat(m.lotTags()).isEqualTo(1);
    });
  }

  @ParameterizedTest
  @MethodSource("modes")
  void tagLocation_olderEventAfterNewer_keepsNewer(StorageMode mode) throws SQLException {
    Database db = databases.get(mode);
    EventFixtures f = new EventFixtures(START);
    String tag = epc(3000 + mode.ordinal());
    var older = f.location(tag, "OLD-BIN");
    var newer = f.advance(Duration.ofMinutes(1)).location(tag, "NEW-BIN");
    AppliedStore store = AppliedStore.open(db.dataSource());

    store.store(new EventBatch(f.now(), List.of(), List.of(newer), List.of(), List.of(), List.of()));
    store.store(new EventBatch(f.now(), List.of(), List.of(older), List.of(), List.of(), List.of()));

    assertThat(new TagLocationRepository(db.dataSource()).locationOf(tag).binId()).isEqualTo("NEW-BIN");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void open_placementsLeftInBacklog_appliesThemBeforeReturning(StorageMode mode) throws Exception {
    Database db = databases.get(mode);
    String site = "backlog-" + mode.code();
    EventFixtures f = new EventFixtures(START);
    List<MovementEvent> first = new ArrayList<>();
    List<MovementEvent> second = new ArrayList<>();
    Map<String, TagLocation> expected = new TreeMap<>();
    for (int i = 0; i < 30; i++) {
      // Tags 7000-7009 move twice, once in each batch: the later movement must win.
      MovementEvent m = siteOf(f.advance(Duration.ofSeconds(10)).movement("D" + (i % 4), Direction.IN,
          epc(7000 + i % 20), epc(7100 + i)), site);
      (i < 15 ? first : second).add(m);
      TagLocationRepository.placements(m).forEach(l -> expected.put(l.epc(), l));
    }
    PostgresEventStore closed = PostgresEventStore.open(db.dataSource());
    closed.close();

    // Stored after the placement thread stopped, as if killed just after each commit: the backlog keeps them.
    closed.store(new EventBatch(f.now(), second, List.of(), List.of(), List.of(), List.of()));
    closed.store(new EventBatch(f.now(), first, List.of(), List.of(), List.of(), List.of()));
    TagLocationRepository locations = new TagLocationRepository(db.dataSource());
    List<TagLocation> readBeforeReopen = new ArrayList<>();
    for (String epc : expected.keySet()) {
      readBeforeReopen.add(locations.locationOf(epc));
    }
    List<String> foldedBeforeReopen = ModeDatabases.queryRows(db, "SELECT epc FROM tag_locations WHERE site_id = '"
        + site + "'");
    String backlog = "SELECT count(*) FROM tag_location_backlog WHERE '" + first.get(0).movementId()
        + "' = ANY(movement_ids) OR '" + second.get(0).movementId() + "' = ANY(movement_ids)";
    List<String> backlogBeforeReopen = ModeDatabases.queryRows(db, backlog);
    try (PostgresEventStore reopened = PostgresEventStore.open(db.dataSource())) {
      assertThat(reopened.pendingPlacements()).isZero();
    }

    assertThat(expected).hasSize(20 + 30);
    assertThat(foldedBeforeReopen).isEmpty();
    // Reads take the placements not folded yet from the backlog.
    assertThat(readBeforeReopen).containsExactlyElementsOf(expected.values());
    assertThat(backlogBeforeReopen).containsExactly("2");
    assertThat(ModeDatabases.queryRows(db, backlog)).containsExactly("0");
    for (TagLocation l : expected.values()) {
      assertThat(locations.locationOf(l.epc())).as(l.epc()).isEqualTo(l);
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void reads_placementsNotFoldedYet_seeNewestOfBinAndDoor(StorageMode mode) throws Exception {
    Database db = databases.get(mode);
    String site = "unfolded-" + mode.code();
    int base = 7500 + 100 * mode.ordinal();
    EventFixtures f = new EventFixtures(START);
    // Tag 0: in a bin, then out through a door (the door wins); tag 1: through a door, then into a bin
    // (the bin wins); tag 2: moved twice (the later movement wins), the later one stored first.
    var bin0 = siteOf(f.advance(Duration.ofSeconds(10)).location(epc(base), "A-01"), site);
    MovementEvent out0 = siteOf(f.advance(Duration.ofSeconds(10)).movement("D1", Direction.OUT, epc(base)), site);
    MovementEvent in1 = siteOf(f.advance(Duration.ofSeconds(10)).movement("D2", Direction.IN, epc(base + 1)), site);
    var bin1 = siteOf(f.advance(Duration.ofSeconds(10)).location(epc(base + 1), "B-02"), site);
    MovementEvent first2 = siteOf(f.advance(Duration.ofSeconds(10)).movement("D3", Direction.IN, epc(base + 2)), site);
    MovementEvent later2 = siteOf(f.advance(Duration.ofSeconds(10)).movement("D4", Direction.OUT, epc(base + 2)), site);
    TagLocationApplier.Policy never = new TagLocationApplier.Policy(Duration.ofHours(1), Duration.ofHours(1));
    TagLocationRepository locations = new TagLocationRepository(db.dataSource());
    Repositories repos = PgRepositories.create(db.dataSource(), CLOCK);

    try (PostgresEventStore store = PostgresEventStore.open(db.dataSource(), never)) {
      store.store(new EventBatch(f.now(), List.of(), List.of(bin0), List.of(), List.of(), List.of()));
      store.store(new EventBatch(f.now(), List.of(later2, out0, in1), List.of(), List.of(), List.of(), List.of()));
      store.store(new EventBatch(f.now(), List.of(first2), List.of(bin1), List.of(), List.of(), List.of()));

      List<String> folded = ModeDatabases.queryRows(db, "SELECT epc FROM tag_locations WHERE site_id = '" + site
          + "' ORDER BY epc");
      int pending = store.pendingPlacements();
      List<String> read = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        TagLocation l = locations.locationOf(epc(base + i));
        read.add(l.binId() != null ? l.binId() : l.doorId());
      }
      List<BinOccupancy> occupancy = locations.occupancy(site);
      List<String> rebuilt = repos.observations().latestObservations(site).stream()
          .map(o -> o.epc() + "@" + o.place() + "/" + o.via()).sorted().toList();

      assertThat(folded).containsExactly(epc(base), epc(base + 1));
      assertThat(pending).isEqualTo(2);
      assertThat(read).containsExactly("D1", "B-02", "D4");
      assertThat(occupancy).containsExactly(new BinOccupancy("B-02", null, 1));
      assertThat(rebuilt).containsExactly(epc(base) + "@D1/MOVEMENT_OUT", epc(base + 1) + "@B-02/LOCATION",
          epc(base + 2) + "@D4/MOVEMENT_OUT");
      assertThat(repos.observations().latestObservation(site, epc(base + 2))).get()
          .extracting(o -> o.place()).isEqualTo("D4");

      // Folded, tag_locations alone says the same.
      assertThat(store.awaitPlacements(Duration.ofSeconds(30))).isTrue();
      assertThat(ModeDatabases.queryRows(db, "SELECT epc || ' ' || coalesce(bin_id, door_id) FROM tag_locations"
          + " WHERE site_id = '" + site + "' ORDER BY epc"))
          .containsExactly(epc(base) + " D1", epc(base + 1) + " B-02", epc(base + 2) + " D4");
      assertThat(store.pendingPlacements()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void perDoorAggregate_countsMovementsInFiveMinuteBuckets(StorageMode mode) throws SQLException {
    Database db = databases.get(mode);
    String site = "agg-" + mode.code();
    EventFixtures f = new EventFixtures(START);
    List<MovementEvent> movements = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      movements.add(siteOf(f.advance(Duration.ofMinutes(1)).movement("D9", Direction.OUT, epc(4000 + i)), site));
    }
    AppliedStore.open(db.dataSource()).store(new EventBatch(f.now(), movements, List.of(), List.of(), List.of(),
        List.of()));

    // 08:01..08:04 fall in the 08:00 bucket, 08:05..08:07 in the 08:05 bucket.
    assertThat(ModeDatabases.queryRows(db, "SELECT bucket || ' ' || movements FROM movements_per_door_5m WHERE site_id = '" + site
        + "' AND door_id = 'D9' ORDER BY bucket")).containsExactly(
        "2026-11-21 08:00:00+00 4", "2026-11-21 08:05:00+00 3");
    assertThat(new MovementRepository(db.dataSource()).doorTraffic(site, START, START.plus(Duration.ofHours(1))))
        .containsExactly(new DoorTraffic("D9", Direction.OUT, START, 4),
            new DoorTraffic("D9", Direction.OUT, START.plus(Duration.ofMinutes(5)), 3));
  }

  @ParameterizedTest
  @MethodSource("modes")
  void layoutAndDeadLetters_roundTrip(StorageMode mode) throws SQLException {
    Database db = databases.get(mode);
    LayoutRepository layouts = new LayoutRepository(db.dataSource());
    String site = "layout-" + mode.code();
    SiteLayout layout = new SiteLayout(new Site(site, "Lyon DC", "Europe/Paris"),
        List.of(new Door(site, "D1", "Dock 1", 0, 5), new Door(site, "D2", null, 0, 10)),
        List.of(new Bin(site, "A-01", "ambient", 10, 5, 40)));
    byte[] raw = "{\"movementId\": 42}\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    layouts.save(layout);
    try (Connection c = db.connect()) {
      new DeadLetterRepository(db.dataSource()).insert(c, List.of(DeadLetter.of(START, "t/" + site, "movementId: expected a UUID, got 42", raw)));
    }

    assertThat(layouts.layout(site)).isEqualTo(layout);
    assertThat(layouts.layout("nowhere")).isNull();
    assertThat(new DeadLetterRepository(db.dataSource()).recent(10)).filteredOn(d -> d.topic().equals("t/" + site))
        .singleElement().satisfies(d -> {
          assertThat(d.payload()).isEqualTo(raw);
          assertThat(d.reason()).isEqualTo("movementId: expected a UUID, got 42");
          assertThat(d.id()).isPositive();
        });
  }

  @ParameterizedTest
  @MethodSource("modes")
  void dropMovementsBefore_cutoffAfterAMonth_removesThatMonthsMovementsOnly(StorageMode mode) throws SQLException {
    // A database of its own: dropping partitions must not take other tests' rows with it.
    try (ModeDatabases own = new ModeDatabases("retention", CLOCK)) {
      dropMovementsBefore(own.get(mode), mode);
    }
  }

  private static void dropMovementsBefore(Database db, StorageMode mode) throws SQLException {
    String site = "retention-" + mode.code();
    // Movements in October 2026 (default partition in plain mode: no partition was created for it),
    // November 2026 and December 2026.
    List<MovementEvent> movements = List.of(
        siteOf(new EventFixtures(Instant.parse("2026-10-15T08:00:00Z")).movement("D1", Direction.IN, epc(6000)), site),
        siteOf(new EventFixtures(Instant.parse("2026-11-15T08:00:00Z")).movement("D1", Direction.IN, epc(6001)), site),
        siteOf(new EventFixtures(Instant.parse("2026-12-15T08:00:00Z")).movement("D1", Direction.IN, epc(6002)), site));
    AppliedStore.open(db.dataSource()).store(new EventBatch(START, movements, List.of(), List.of(), List.of(),
        List.of()));

    List<String> dropped = db.dropMovementsBefore(Instant.parse("2026-12-01T00:00:00Z"));

    assertThat(ModeDatabases.queryRows(db, "SELECT to_char(moved_at, 'YYYY-MM') FROM movements WHERE site_id = '"
        + site + "'")).containsExactly("2026-12");
    assertThat(ModeDatabases.queryRows(db, "SELECT count(*) FROM movement_tags WHERE epc IN ('" + epc(6000) + "', '"
        + epc(6001) + "')")).containsExactly("0");
    if (mode == StorageMode.PLAIN) {
      assertThat(dropped).contains("movements_202611", "movement_tags_202611").doesNotContain("movements_202612");
    }
  }

  private static LocationEvent siteOf(LocationEvent l, String site) {
    return LocationEvent.of(l.eventId(), site, l.gateway(), l.epc(), l.bin(), l.from(), l.at(), l.confidence());
  }

  private static MovementEvent siteOf(MovementEvent m, String site) {
    return new MovementEvent(m.schemaVersion(), m.movementId(), site, m.gateway(), m.door(), m.direction(),
        m.confidence(), m.startedAt(), m.endedAt(), m.palletSscc(), m.tags(), m.evidence());
  }

  /** Every stored row about a site, as text, in a stable order. */
  private static List<String> snapshot(Database db, String site) throws SQLException {
    List<String> rows = new ArrayList<>();
    rows.addAll(ModeDatabases.queryRows(db, "SELECT m::text FROM movements m WHERE site_id = '" + site + "' ORDER BY movement_id"));
    rows.addAll(ModeDatabases.queryRows(db, "SELECT t::text FROM movement_tags t JOIN movements m USING (movement_id, moved_at)"
        + " WHERE m.site_id = '" + site + "' ORDER BY t.movement_id, t.epc"));
    rows.addAll(ModeDatabases.queryRows(db, "SELECT l::text FROM tag_locations l WHERE site_id = '" + site + "' ORDER BY epc"));
    return rows;
  }
}
