package io.tagflow.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tagflow.controlplane.ControlPlane;
import io.tagflow.controlplane.ControlPlaneConfig;
import io.tagflow.controlplane.model.BinSpec;
import io.tagflow.controlplane.model.DoorSpec;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.controlplane.repository.postgres.PgRepositories;
import io.tagflow.controlplane.store.Database;
import io.tagflow.controlplane.store.StorageMode;
import io.tagflow.controlplane.store.StoreOptions;
import io.tagflow.controlplane.store.TagLocationRepository;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The two read paths that must stay fast as the store grows, against a generated database of
 * {@value #MOVEMENTS} movements of 20 tags ({@value #MOVEMENT_TAG_ROWS} {@code movement_tags} rows),
 * {@value #TAG_COUNT} registered tags in {@value #LOTS} lots and a site of {@value #BINS} bins:
 * <ul>
 *   <li><b>occupancy</b>: {@code GET /api/sites/bench/occupancy}, the snapshot of all 10,000 bins (from the
 *       live state, rebuilt from the store at start), timed over HTTP; the store's SQL occupancy
 *       ({@code TagLocationRepository.occupancy}) is printed beside it;</li>
 *   <li><b>trace</b>: {@code GET /api/lots/{lot}/trace} of a random lot (500 tags, 10,000 tag rows over 500
 *       movements): the lot's movements from the 10-million-row table through {@code movement_tags_by_epc},
 *       and the current position of each of its tags.</li>
 * </ul>
 * Each is run {@value #RUNS} times after {@value #WARMUP} warm-up runs; medians are reported.
 *
 * <p>Run: {@code ./tagflow bench query [--regenerate] [--timescale] [--database NAME]}. The data is generated in SQL
 * ({@code generate_series}, about a minute or two, with progress lines) into the database {@value #DATABASE}
 * (with {@code --timescale}: {@value #TIMESCALE_DATABASE}), which is kept and reused by the next run (pass
 * {@code --regenerate} to rebuild it; drop it with {@code DROP DATABASE} when done); {@code --database NAME} keeps
 * the data in another database, e.g. to measure two builds side by side on data each generated. Services as in
 * {@link BenchServices} ({@code TAGFLOW_BENCH_PG_URL}). The store is in plain PostgreSQL mode unless
 * {@code --timescale} asks for TimescaleDB mode, which the server must offer; there the generated chunks older
 * than the compression age are compressed before measuring by running the compression jobs, as the scheduler would
 * have done (also on a reused database, so that data compressed by an older build is brought up to date).
 * Last line: {@code RESULT storage=... occupancy_ms_p50=... trace_ms_p50=... movement_tag_rows=...}.
 */
final class QueryBench implements BenchMain.Benchmark {
  static final String DATABASE = "tagflow_bench_query";
  static final String TIMESCALE_DATABASE = "tagflow_bench_query_timescale";
  static final String SITE = "bench";
  static final int BINS = 10_000;
  static final int LOTS = 1_000;
  static final int TAGS_PER_LOT = 500;
  static final int TAG_COUNT = LOTS * TAGS_PER_LOT;
  static final int MOVEMENTS = 500_000;
  static final int MOVEMENT_TAG_ROWS = MOVEMENTS * 20;
  static final int TAGS_PER_BIN = 50;
  static final int CHUNK = 50_000;
  static final int WARMUP = 5;
  static final int RUNS = 30;
  /**
   * TimescaleDB mode: TimescaleDB's compression policy (movements) and the job that stamps and compresses
   * movement_tags (migration V8_2).
   */
  static final String COMPRESSION_JOBS = "('policy_compression', 'tagflow_compress_movement_tags')";

  @Override
  public String description() {
    return "occupancy snapshot of 10,000 bins and lot trace over 10M movement-tag rows (medians)";
  }

  @Override
  public int run(String[] args) throws Exception {
    boolean regenerate = List.of(args).contains("--regenerate");
    boolean timescale = List.of(args).contains("--timescale");
    String database;
    try {
      database = database(args, timescale ? TIMESCALE_DATABASE : DATABASE);
    } catch (IllegalArgumentException e) {
      System.err.println("query: " + e.getMessage());
      return 2;
    }
    String pg;
    try {
      pg = BenchServices.pgUrl();
    } catch (BenchServices.Unavailable e) {
      System.err.println("query: " + e.getMessage());
      return 2;
    }
    boolean reuse = !regenerate && BenchServices.exists(pg, database);
    String url = reuse ? BenchServices.databaseUrl(pg, database) : BenchServices.recreate(pg, database);
    Clock clock = Clock.systemUTC();
    try (Database db = Database.open(StoreOptions.defaults(url).withForcePlain(!timescale), clock)) {
      if (timescale && db.mode() != StorageMode.TIMESCALE) {
        System.err.println("query: --timescale needs a server offering the timescaledb extension (preloaded);"
            + " this one stores in " + db.mode().code() + " mode: point " + BenchServices.ENV_PG_URL + " at one");
        return 2;
      }
      long rows;
      try (Connection c = db.dataSource().getConnection()) {
        rows = reuse ? count(c, "movement_tags") : 0;
        if (rows != MOVEMENT_TAG_ROWS) {
          System.out.printf("query: generating %,d movements (%,d movement-tag rows) in %s%n", MOVEMENTS,
              MOVEMENT_TAG_ROWS, database);
          generate(c, db.mode());
          rows = count(c, "movement_tags");
        } else {
          System.out.printf("query: reusing %s (%,d movement-tag rows)%n", database, rows);
          if (db.mode() == StorageMode.TIMESCALE) {
            // Data generated by an older build may be compressed as it compressed: let the jobs bring it up to date
            // (they leave chunks compressed the current way as they are).
            compress(c);
          }
        }
      }
      measure(db, url, clock, rows);
    }
    return 0;
  }

  /**
   * The database named by {@code --database NAME} (to keep the data of two builds side by side), else
   * {@code fallback}. The name goes into SQL, so only lower-case letters, digits and underscores are taken.
   */
  static String database(String[] args, String fallback) {
    List<String> list = List.of(args);
    int at = list.indexOf("--database");
    if (at < 0) {
      return fallback;
    }
    String name = at + 1 < list.size() ? list.get(at + 1) : "";
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("--database needs a name of lower-case letters, digits and underscores"
          + " (at most 63, not starting with a digit), got '" + name + "'");
    }
    return name;
  }

  private static long count(Connection c, String table) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Tag t (0..499,999) belongs to lot t / 500. Movement i carries 20 tags of lot i % 1000, so every lot
   * has 500 movements and every tag is in 20 of them; movement ids are UUIDv7 of their time, spread over
   * the current month's first days. Every tag is in a bin: tags 50k..50k+49 in bin k % 10,000, so a bin
   * holds 50 units of one lot (as a bin holding a pallet's worth of one lot does).
   */
  private static void generate(Connection c, StorageMode mode) throws Exception {
    long start = System.nanoTime();
    try (Statement s = c.createStatement()) {
      if (mode == StorageMode.TIMESCALE) {
        // The compression policy must not compress chunks while they are loaded; they are compressed at the end.
        s.execute("SELECT alter_job(job_id, scheduled => false) FROM timescaledb_information.jobs"
            + " WHERE proc_name IN " + COMPRESSION_JOBS);
      }
      s.execute("TRUNCATE movements, movement_tags, tag_locations, tags, lots CASCADE");
      s.execute("INSERT INTO lots (lot_id, gtin, status) SELECT 'LOT-' || lpad(l::text, 4, '0'), '09506000134352',"
          + " 'active' FROM generate_series(0, " + (LOTS - 1) + ") l");
      s.execute("INSERT INTO tags (epc, lot_id) SELECT " + epc("t") + ", 'LOT-' || lpad((t / " + TAGS_PER_LOT
          + ")::text, 4, '0') FROM generate_series(0, " + (TAG_COUNT - 1) + ") t");
      System.out.printf("query: %,d lots, %,d tags (%.0f s)%n", LOTS, TAG_COUNT, (System.nanoTime() - start) / 1e9);
      // Loading 10 million rows into indexed tables costs several times more than building the indexes
      // afterwards: drop them (as migrations V2 and V5 define them), load, then build them once.
      s.execute("SET maintenance_work_mem = '256MB'");
      String epcIndex = indexDefinition(s, "movement_tags_by_epc");
      s.execute("DROP INDEX movement_tags_by_epc");
      s.execute("ALTER TABLE movement_tags DROP CONSTRAINT IF EXISTS movement_tags_pkey");
      // Movement i happens at base + i * 2 s (base: the month's start), so ids and moved_at agree.
      String base = "date_trunc('month', now())";
      for (int from = 0; from < MOVEMENTS; from += CHUNK) {
        int to = Math.min(MOVEMENTS, from + CHUNK) - 1;
        String at = "(" + base + " + i * interval '2 seconds')";
        String id = "(lpad(to_hex((extract(epoch FROM " + at + ") * 1000)::bigint), 12, '0') || '7000' || '8'"
            + " || lpad(to_hex(i), 15, '0'))::uuid";
        s.execute("INSERT INTO movements (movement_id, moved_at, site_id, gateway_id, door_id, direction,"
            + " confidence, started_at, ended_at, tag_count, inside_reads, outside_reads, rssi_trend_db, received_at)"
            + " SELECT " + id + ", " + at + ", '" + SITE + "', 'gw-1', 'door-' || (i % 8), CASE WHEN i % 2 = 0"
            + " THEN 'IN' ELSE 'OUT' END, 0.9, " + at + " - interval '3 seconds', " + at + ", 20, 4, 6, 3.5, " + at
            + " FROM generate_series(" + from + ", " + to + ") i");
        // Tag k of movement i: lot i % 1000, item ((i / 1000) * 20 + k) % 500 of that lot.
        s.execute("INSERT INTO movement_tags (movement_id, moved_at, epc, first_seen, last_seen, reads, peak_rssi)"
            + " SELECT " + id + ", " + at + ", " + epc("((i % " + LOTS + ") * " + TAGS_PER_LOT + " + ((i / " + LOTS
            + ") * 20 + k) % " + TAGS_PER_LOT + ")") + ", " + at + " - interval '3 seconds', " + at + ", 5, -52"
            + " FROM generate_series(" + from + ", " + to + ") i, generate_series(0, 19) k");
        System.out.printf("query: %,d of %,d movements (%,d tag rows) after %.0f s%n", to + 1, MOVEMENTS,
            (to + 1L) * 20, (System.nanoTime() - start) / 1e9);
      }
      System.out.println("query: building the movement_tags indexes");
      s.execute("ALTER TABLE movement_tags ADD PRIMARY KEY (movement_id, moved_at, epc)");
      s.execute(epcIndex);
      System.out.printf("query: indexes built after %.0f s%n", (System.nanoTime() - start) / 1e9);
      s.execute("INSERT INTO tag_locations (epc, site_id, bin_id, at, event_id) SELECT " + epc("t") + ", '" + SITE
          + "', 'B-' || lpad(((t / " + TAGS_PER_BIN + ") % " + BINS + ")::text, 5, '0'), now(), gen_random_uuid()"
          + " FROM generate_series(0, " + (TAG_COUNT - 1) + ") t");
      if (mode == StorageMode.TIMESCALE) {
        compress(c);
        s.execute("SELECT alter_job(job_id, scheduled => true) FROM timescaledb_information.jobs"
            + " WHERE proc_name IN " + COMPRESSION_JOBS);
      }
      s.execute("VACUUM ANALYZE"); // also sets the visibility map, which index-only scans need
    }
    System.out.printf("query: generated in %.0f s%n", (System.nanoTime() - start) / 1e9);
  }

  /** Runs the compression jobs now (chunks older than the compression age), as the scheduler would. */
  private static void compress(Connection c) throws Exception {
    System.out.println("query: compressing the chunks older than the compression age (the compression jobs)");
    long start = System.nanoTime();
    try (Statement s = c.createStatement()) {
      List<Integer> jobs = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT job_id FROM timescaledb_information.jobs WHERE proc_name IN "
          + COMPRESSION_JOBS + " ORDER BY job_id")) {
        while (rs.next()) {
          jobs.add(rs.getInt(1));
        }
      }
      for (int job : jobs) {
        s.execute("CALL run_job(" + job + ")");
      }
    }
    System.out.printf("query: compression jobs done in %.0f s%n", (System.nanoTime() - start) / 1e9);
  }

  /**
   * The {@code CREATE INDEX} statement of an index as the migrations defined it. On a partitioned table
   * PostgreSQL words it {@code ON ONLY}, which would build an invalid index on the parent alone and leave every
   * partition without one (the lot trace then scans all 10 million rows): {@code ONLY} is dropped.
   */
  private static String indexDefinition(Statement s, String index) throws Exception {
    try (ResultSet rs = s.executeQuery("SELECT pg_get_indexdef('" + index + "'::regclass)")) {
      rs.next();
      return rs.getString(1).replace(" ON ONLY ", " ON ");
    }
  }

  private static String epc(String n) {
    return "'3034257BF7194E40' || upper(lpad(to_hex(" + n + "), 8, '0'))";
  }

  private static void measure(Database db, String url, Clock clock, long rows) throws Exception {
    List<BinSpec> bins = new ArrayList<>(BINS);
    for (int b = 0; b < BINS; b++) {
      bins.add(new BinSpec(String.format("B-%05d", b), 100));
    }
    List<DoorSpec> doors = new ArrayList<>();
    for (int d = 0; d < 8; d++) {
      doors.add(new DoorSpec("door-" + d, List.of()));
    }
    ControlPlaneConfig config = new ControlPlaneConfig(new ControlPlaneConfig.Http(null, 0, 64 * 1024),
        new ControlPlaneConfig.Database(url, null, null, 8), null, null,
        List.of(new SiteLayout(SITE, "Bench DC", false, doors, bins)));
    Vertx vertx = Vertx.vertx();
    System.out.println("query: starting the API (live state rebuilt from the store)");
    ControlPlane api = ControlPlane.start(vertx, config, PgRepositories.create(db.dataSource(), clock),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock).toCompletionStage().toCompletableFuture()
        .get(300, TimeUnit.SECONDS);
    HttpClient http = HttpClient.newHttpClient();
    Random random = new Random(1);
    try {
      String base = "http://127.0.0.1:" + api.port();
      double[] occupancy = time("occupancy", () -> get(http, base + "/api/sites/" + SITE + "/occupancy", 10_000));
      TagLocationRepository locations = new TagLocationRepository(db.dataSource());
      double[] sqlOccupancy = time("sql occupancy", 1, 5, () -> {
        int n = locations.occupancy(SITE).size();
        if (n < BINS) {
          throw new IllegalStateException("SQL occupancy gave " + n + " rows");
        }
      });
      double[] trace = time("trace", () -> get(http, base + "/api/lots/LOT-"
          + String.format("%04d", random.nextInt(LOTS)) + "/trace", 500));
      System.out.printf(Locale.ROOT, "occupancy (API, %d bins): p50 %.1f ms, p90 %.1f ms (target <= 20 ms)%n", BINS,
          BenchServices.percentile(occupancy, 50), BenchServices.percentile(occupancy, 90));
      System.out.printf(Locale.ROOT, "occupancy (SQL, tag_locations): p50 %.1f ms, p90 %.1f ms%n",
          BenchServices.percentile(sqlOccupancy, 50), BenchServices.percentile(sqlOccupancy, 90));
      System.out.printf(Locale.ROOT, "trace (API, %,d movement-tag rows): p50 %.1f ms, p90 %.1f ms (target <= 100 ms)%n",
          rows, BenchServices.percentile(trace, 50), BenchServices.percentile(trace, 90));
      System.out.printf(Locale.ROOT, "RESULT storage=%s occupancy_ms_p50=%.1f trace_ms_p50=%.1f movement_tag_rows=%d%n",
          db.mode().code(), BenchServices.percentile(occupancy, 50), BenchServices.percentile(trace, 50), rows);
    } finally {
      api.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** One timed call. */
  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  private static double[] time(String name, Call call) throws Exception {
    return time(name, WARMUP, RUNS, call);
  }

  private static double[] time(String name, int warmup, int runs, Call call) throws Exception {
    for (int i = 0; i < warmup; i++) {
      call.run();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      call.run();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    java.util.Arrays.sort(ms);
    System.out.printf(Locale.ROOT, "query: %s x %d, median %.1f ms%n", name, runs, BenchServices.percentile(ms, 50));
    return ms;
  }

  /** GETs a URL, checks 200 and that the body is at least {@code minBytes} (so an empty answer is not timed). */
  private static void get(HttpClient http, String url, int minBytes) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 || r.body().length() < minBytes) {
      throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + " with " + r.body().length()
          + " characters");
    }
  }
}
