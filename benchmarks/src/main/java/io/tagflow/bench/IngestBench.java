package io.tagflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.tagflow.controlplane.ControlPlaneConfig;
import io.tagflow.controlplane.ControlPlaneService;
import io.tagflow.controlplane.ingest.IngestMetrics;
import io.tagflow.controlplane.ingest.IngestWorker;
import io.tagflow.controlplane.store.PostgresEventStore;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.TagObservation;
import io.tagflow.protocol.event.Topics;
import io.vertx.core.Vertx;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Control-plane ingest, end to end and side by side with the database's own bulk path, in one run:
 * <ol>
 *   <li><b>ingest</b>: movements of 20 tags each are published at QoS 1 as fast as the control plane
 *       stores them (closed loop: at most {@value #MAX_BACKLOG} published and not yet stored, because a
 *       broker drops what overflows its queue for a subscriber, Mosquitto's max_queued_messages = 1000);
 *       the running control plane ({@code ControlPlaneService}: MQTT ingest, store, live state, rules,
 *       live feed) commits them; timed from the first publish until {@code movements} holds them all
 *       and their door placements are in {@code tag_locations} (after a warm-up batch);</li>
 *   <li><b>raw COPY</b>: the same number of movements of the same shape written with pgjdbc's
 *       {@code CopyManager} into the same tables ({@code movements}, {@code movement_tags}) in transactions
 *       of 500 movements (the ingest's batch size): the ceiling for moving those rows into PostgreSQL;</li>
 *   <li><b>live-feed latency</b>: a WebSocket client on {@code /api/sites/dc1/live} while movements are
 *       published at a fixed rate, first at half the ingest rate just measured (a rate ingest sustains),
 *       then at 2,000/s (the target); latency is from just before the MQTT publish to the movement's push
 *       on the WebSocket, so it includes the broker hop (an upper bound of receipt-to-push); movements
 *       published, stored and pushed are counted ({@link FeedLatencyRun});</li>
 *   <li><b>live-feed fan-out</b>: 2,000 movements/s handed straight to the live state (no MQTT, no
 *       store) with {@value #FANOUT_CLIENTS} WebSocket clients; hand-over-to-push latency on every client
 *       ({@link FeedFanoutRun}).</li>
 * </ol>
 *
 * <p>Run: {@code ./tagflow bench ingest [--movements N] [--latency-seconds S]} (defaults 20000 and 15;
 * about 1-3 minutes). Services: {@code TAGFLOW_BENCH_PG_URL} / {@code TAGFLOW_BENCH_MQTT_URI} when set,
 * else 127.0.0.1:5432 (user postgres) and tcp://127.0.0.1:1883 if they answer (see {@link BenchServices}).
 * It creates and finally drops the database {@code tagflow_bench_ingest_<pid>} (its own process id: two runs at
 * once, say of two checkouts, must not drop each other's database). Prints progress, the figures, then
 * {@code RESULT ingest_movements_per_s=... copy_movements_per_s=... ratio=... ws_p99_ms=... ws_pushed=...
 * ws_sustained_rate=... ws_sustained_p99_ms=... ws_sustained_pushed=... fanout_p99_ms=... fanout_pushed=...
 * fanout_loop_cpu_ms_per_1k=...} ({@code ws_p99_ms} and
 * {@code ws_pushed}, pushed per published, at 2,000/s; the {@code ws_sustained_} figures at the lower rate).
 */
final class IngestBench implements BenchMain.Benchmark {
  /** Per process: two runs at once (two worktrees on one server) must not drop each other's database. */
  static final String DATABASE = "tagflow_bench_ingest_" + ProcessHandle.current().pid();
  static final int COPY_BATCH = 500;
  /** Published but not yet stored movements at most (below the broker's per-subscriber queue). */
  static final int MAX_BACKLOG = 800;
  /** Live-feed clients attached in the fan-out phase ({@link FeedFanoutRun}). */
  static final int FANOUT_CLIENTS = 10;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final ObjectMapper json = new ObjectMapper();
  private final EventCodec codec = new EventCodec();
  private final IngestTraffic traffic = new IngestTraffic(codec);

  @Override
  public String description() {
    return "control-plane ingest (MQTT to committed rows) vs raw COPY; live-feed p99 at 2,000 movements/s";
  }

  @Override
  public int run(String[] args) throws Exception {
    int movements = 20_000;
    int latencySeconds = 15;
    try {
      for (int i = 0; i < args.length; i += 2) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--movements" -> movements = BenchOptions.wholeNumber("--movements", value, 1, 10_000_000);
          case "--latency-seconds" -> latencySeconds = BenchOptions.wholeNumber("--latency-seconds", value, 1, 3_600);
          default -> throw new IllegalArgumentException("unknown option " + args[i]
              + " (use --movements N, --latency-seconds S)");
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("ingest: " + e.getMessage());
      return 2;
    }
    String pg;
    String mqtt;
    try {
      pg = BenchServices.pgUrl();
      mqtt = BenchServices.mqttUri();
    } catch (BenchServices.Unavailable e) {
      System.err.println("ingest: " + e.getMessage());
      return 2;
    }
    String database = DATABASE;
    String dbUrl = BenchServices.recreate(pg, database);
    String prefix = "tagflow-bench/" + UUID.randomUUID() + "/";
    Topics topics = Topics.under(prefix);
    ControlPlaneConfig config = new ControlPlaneConfig(new ControlPlaneConfig.Http(null, 0, null),
        new ControlPlaneConfig.Database(dbUrl, null, null, 8),
        new ControlPlaneConfig.Mqtt(mqtt, prefix, "tagflow-bench-cp-" + UUID.randomUUID()), null,
        List.of(IngestTraffic.layout()));
    Vertx vertx = Vertx.vertx();
    ControlPlaneService service = ControlPlaneService.start(vertx, config, Clock.systemUTC())
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    MqttAsyncClient publisher = new MqttAsyncClient(mqtt, "tagflow-bench-pub-" + UUID.randomUUID(),
        new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setReceiveMaximum(65_535);
    publisher.connect(options).waitForCompletion(10_000);
    String topic = topics.movements(IngestTraffic.SITE, IngestTraffic.GATEWAY);
    try (Connection db = DriverManager.getConnection(dbUrl)) {
      System.out.printf("ingest: PostgreSQL %s, broker %s, %d movements of %d tags%n", dbUrl, mqtt, movements,
          IngestTraffic.TAGS);
      IngestTraffic.register(db);
      Counter stored = service.metrics().get(IngestMetrics.STORED_MOVEMENTS).counter();
      Gauge placements = service.metrics().get(PostgresEventStore.PENDING_PLACEMENTS).gauge();
      System.out.println("ingest: warm-up (2,000 movements)");
      ingest(publisher, topic, db, stored, placements, traffic.encode(2_000), 2_000);
      settle(service);
      // Encoded before the CPU figures start: the main thread's share is then the publishing alone.
      List<byte[]> payloads = traffic.encode(movements);
      DatabaseCpu ingestDb = new DatabaseCpu(db, false);
      ingestDb.start();
      long ingestThread = ThreadCpu.matching(IngestBench::isIngestThread);
      Map<String, Long> threadsBefore = ThreadCpu.byName();
      double ingestRate = ingest(publisher, topic, db, stored, placements, payloads, 2_000 + movements);
      settle(service);
      double ingestDbMs = ingestDb.elapsedMillis() * 1000 / movements;
      double ingestThreadMs = (ThreadCpu.matching(IngestBench::isIngestThread) - ingestThread) / 1e6 * 1000
          / movements;
      System.out.printf("ingest: %,.0f movements/s (%,.0f tag rows/s) from MQTT to committed rows%n", ingestRate,
          ingestRate * IngestTraffic.TAGS);
      System.out.printf("ingest: CPU per 1,000 movements: PostgreSQL backends %,.0f ms, ingest threads (decode and"
          + " commit) %,.0f ms%n",
          ingestDbMs, ingestThreadMs);
      System.out.println("ingest: JVM CPU per 1,000 movements by thread (top 8): "
          + ThreadCpu.top(threadsBefore, ThreadCpu.byName(), 8, movements));
      DatabaseCpu copyDb = new DatabaseCpu(db, true);
      copyDb.start();
      long copyThread = THREADS.getCurrentThreadCpuTime();
      double copyRate = copy(db, movements);
      double copyDbMs = copyDb.elapsedMillis() * 1000 / movements;
      double copyThreadMs = (THREADS.getCurrentThreadCpuTime() - copyThread) / 1e6 * 1000 / movements;
      System.out.printf("copy:   %,.0f movements/s (%,.0f tag rows/s) raw COPY of the same rows%n", copyRate,
          copyRate * IngestTraffic.TAGS);
      System.out.printf("copy:   CPU per 1,000 movements: PostgreSQL backend %,.0f ms, copying thread %,.0f ms%n",
          copyDbMs, copyThreadMs);
      URI feed = URI.create("ws://127.0.0.1:" + service.controlPlane().port() + "/api/sites/" + IngestTraffic.SITE
          + "/live");
      FeedLatencyRun feedRun = new FeedLatencyRun(codec, json);
      // First at a rate ingest sustains (half the closed-loop rate just measured), then at the target
      // rate: when ingest cannot keep up with 2,000/s the second figure measures its backlog.
      int sustained = sustainedRate(ingestRate);
      FeedLatencyRun.Result atSustained = feedRun.run(publisher, topic, feed,
          traffic.movements(sustained * latencySeconds), sustained, service.metrics());
      settle(service);
      FeedLatencyRun.Result atTarget = feedRun.run(publisher, topic, feed,
          traffic.movements(FeedLatencyRun.RATE * latencySeconds), FeedLatencyRun.RATE, service.metrics());
      settle(service);
      FeedFanoutRun.Result fanout = new FeedFanoutRun().run(service.controlPlane().events(), feed,
          traffic.movements(FeedLatencyRun.RATE * latencySeconds), FeedLatencyRun.RATE, FANOUT_CLIENTS);
      System.out.printf(Locale.ROOT, "RESULT ingest_movements_per_s=%.0f copy_movements_per_s=%.0f ratio=%.2f"
          + " ws_p99_ms=%.1f ws_pushed=%.3f ws_sustained_rate=%d ws_sustained_p99_ms=%.1f ws_sustained_pushed=%.3f"
          + " fanout_p99_ms=%.1f fanout_pushed=%.3f fanout_loop_cpu_ms_per_1k=%.0f"
          + " db_cpu_ms_per_1k_ingest=%.0f db_cpu_ms_per_1k_copy=%.0f%n", ingestRate, copyRate,
          ingestRate / copyRate, atTarget.p99(), atTarget.pushedFraction(), sustained, atSustained.p99(),
          atSustained.pushedFraction(), fanout.p99(), fanout.pushedFraction(), fanout.eventLoopCpuMsPer1k(),
          ingestDbMs, copyDbMs);
    } finally {
      publisher.disconnect().waitForCompletion(5_000);
      publisher.close();
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      BenchServices.drop(pg, database);
    }
    return 0;
  }

  /** The control plane's ingest threads: decoding ({@link IngestWorker#DECODE_THREAD}) and committing. */
  private static boolean isIngestThread(String name) {
    return name.equals(IngestWorker.DECODE_THREAD) || name.equals(IngestWorker.COMMIT_THREAD);
  }

  /**
   * Half the closed-loop ingest rate, rounded down to 50/s, within 50 .. {@link FeedLatencyRun#RATE}. The
   * closed loop keeps 800 movements waiting, so its batches are full; at 80 % of its rate, open loop, the
   * broker's queue still overflowed on a busy machine (some movements never stored).
   */
  static int sustainedRate(double ingestRate) {
    int r = (int) (ingestRate * 0.5) / 50 * 50;
    return Math.max(50, Math.min(FeedLatencyRun.RATE, r));
  }

  /**
   * Publishes the payloads at QoS 1 and waits until {@code movements} holds {@code total} rows; movements/s.
   * While publishing, the backlog is read from the control plane's counter of committed movements (a
   * {@code count(*)} every few milliseconds would load the database under test); the end is checked
   * with {@code count(*)} on the table.
   */
  private double ingest(MqttAsyncClient publisher, String topic, Connection db, Counter committed,
                        Gauge placementsPending, List<byte[]> payloads, long total) throws Exception {
    long start = System.nanoTime();
    long lastReport = start;
    long base = total - payloads.size();
    long stored = (long) committed.count();
    for (int i = 0; i < payloads.size(); i++) {
      // Closed loop: a broker queues a bounded number of messages per subscriber (Mosquitto:
      // max_queued_messages 1000) and drops QoS 1 messages beyond it, so keep the backlog below that.
      while (base + i - stored > MAX_BACKLOG) {
        TimeUnit.MILLISECONDS.sleep(2);
        stored = (long) committed.count();
        long now = System.nanoTime();
        if (now - lastReport > 2_000_000_000L) {
          System.out.printf("ingest: %,d of %,d stored after %.1f s%n", stored, total, (now - start) / 1e9);
          lastReport = now;
        }
      }
      IngestTraffic.publish(publisher, topic, payloads.get(i));
    }
    long published = System.nanoTime();
    while ((stored = (long) committed.count()) < total) {
      long now = System.nanoTime();
      if (now - lastReport > 2_000_000_000L) {
        System.out.printf("ingest: %,d of %,d stored after %.1f s%n", stored, total, (now - start) / 1e9);
        lastReport = now;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    // The store folds door placements into tag_locations after the commits (once ingest is quiet, or
    // every 5 s): the run ends when those are folded too, so a backlog of them cannot make ingest look
    // faster than it is.
    while (placementsPending.value() > 0) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (count(db) != total) {
      throw new IllegalStateException("the control plane counted " + stored + " stored movements but the table holds "
          + count(db));
    }
    System.out.printf("ingest: %,d movements published in %.1f s, all stored after %.1f s%n", payloads.size(),
        (published - start) / 1e9, seconds);
    return payloads.size() / seconds;
  }

  private static long count(Connection db) throws Exception {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM movements")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Waits until the live state has processed every stored batch, so that the next phase runs alone. */
  private static void settle(ControlPlaneService service) throws InterruptedException {
    long start = System.nanoTime();
    while (service.metrics().get("tagflow.live.queue.batches").gauge().value() > 0) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    System.out.printf("ingest: live state caught up %.1f s after the last commit%n", (System.nanoTime() - start) / 1e9);
  }

  /** COPY of {@code n} fresh movements (rows as the store writes them) in transactions of 500; movements/s. */
  private double copy(Connection db, int n) throws Exception {
    List<MovementEvent> events = traffic.movements(n);
    CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
    db.setAutoCommit(false);
    String received = Instant.now().toString();
    long start = System.nanoTime();
    long lastReport = start;
    for (int from = 0; from < n; from += COPY_BATCH) {
      StringBuilder moves = new StringBuilder();
      StringBuilder tags = new StringBuilder();
      for (MovementEvent m : events.subList(from, Math.min(n, from + COPY_BATCH))) {
        String at = m.endedAt().toString();
        moves.append(m.movementId()).append(',').append(at).append(',').append(m.site()).append(',')
            .append(m.gateway()).append(',').append(m.door()).append(',').append(m.direction()).append(',')
            .append(m.confidence()).append(',').append(m.startedAt()).append(',').append(at).append(",,")
            .append(m.tags().size()).append(",4,6,3.5,,").append(received).append('\n');
        for (TagObservation t : m.tags()) {
          tags.append(m.movementId()).append(',').append(at).append(',').append(t.epc()).append(",,")
              .append(t.firstSeen()).append(',').append(t.lastSeen()).append(',').append(t.reads()).append(',')
              .append(t.peakRssi()).append('\n');
        }
      }
      copy.copyIn("COPY movements (movement_id, moved_at, site_id, gateway_id, door_id, direction, confidence,"
          + " started_at, ended_at, pallet_sscc, tag_count, inside_reads, outside_reads, rssi_trend_db, arbitration,"
          + " received_at) FROM STDIN WITH (FORMAT csv)", new StringReader(moves.toString()));
      copy.copyIn("COPY movement_tags (movement_id, moved_at, epc, uri, first_seen, last_seen, reads, peak_rssi)"
          + " FROM STDIN WITH (FORMAT csv)", new StringReader(tags.toString()));
      db.commit();
      long now = System.nanoTime();
      if (now - lastReport > 2_000_000_000L) {
        System.out.printf("copy: %,d of %,d after %.1f s%n", from + COPY_BATCH, n, (now - start) / 1e9);
        lastReport = now;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    db.setAutoCommit(true);
    System.out.printf("copy: %,d movements in %.1f s%n", n, seconds);
    return n / seconds;
  }
}
