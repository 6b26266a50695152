package io.tagflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagflow.controlplane.ControlPlaneConfig;
import io.tagflow.controlplane.ControlPlaneService;
import io.tagflow.controlplane.repository.postgres.PgRepositories;
import io.tagflow.controlplane.store.Database;
import io.tagflow.controlplane.store.StoreOptions;
import io.tagflow.protocol.event.Topics;
import io.tagflow.testing.HeadlessChromium;
import io.tagflow.testing.TestBroker;
import io.tagflow.testing.TestDatabase;
import io.tagflow.testing.TestServices;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Whether the supervisor's map stays smooth at scale: a real control plane with a site of 2,000 bins and
 * 12 doors ({@link MapTraffic}), 50 movements/s published over MQTT through the real ingest (with the
 * put-aways and shipments they cause, about 100 occupancy deltas/s, and a few anomalies/s), and the map
 * open in headless Chromium, measured from inside the page ({@link MapProbe}): frame intervals, long
 * tasks, feed-update-to-paint lag and heap growth. "Smooth" is defined in docs/performance.md: frame
 * p95 at most {@value #SMOOTH_FRAME_P95_MS} ms, no long task over {@value #SMOOTH_LONG_TASK_MS} ms, update
 * lag p99 at most {@value #SMOOTH_LAG_P99_MS} ms, and, when the page exposes its render clock, the same
 * bound on the shown lag p99 (until the frame after the page applied the update: a page that batches
 * updates is judged by when they are on screen, not by when the next frame is).
 *
 * <p>Run: {@code ./tagflow bench map [--seconds 60] [--rate 50] [--stock 4000]}. Needs
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} ({@code apt-get install -y chromium
 * chromium-driver}; see {@link HeadlessChromium}); PostgreSQL and MQTT from {@code TAGFLOW_TEST_PG_URL} /
 * {@code TAGFLOW_TEST_MQTT_URI}, else embedded ({@link TestServices}). Prints progress every 5 s, the
 * figures, then {@code RESULT bins=2000 movements_per_s=... frame_p95_ms=... frame_p99_ms=... long_tasks=...
 * update_lag_p99_ms=... shown_lag_p99_ms=... heap_growth_mb=... smooth=...}.
 */
final class MapBench implements BenchMain.Benchmark {
  static final double SMOOTH_FRAME_P95_MS = 33;
  static final double SMOOTH_LONG_TASK_MS = 100;
  static final double SMOOTH_LAG_P99_MS = 250;
  static final int WARM_UP_SECONDS = 5;
  static final int PROGRESS_SECONDS = 5;

  @Override
  public String description() {
    return "map in headless Chromium: frames, long tasks, update lag, heap at 2,000 bins and 50 movements/s";
  }

  @Override
  public int run(String[] args) throws Exception {
    int seconds = 60;
    int rate = 50;
    int stock = 4_000;
    try {
      for (int i = 0; i < args.length; i += 2) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--seconds" -> seconds = BenchOptions.wholeNumber("--seconds", value, PROGRESS_SECONDS, 3_600);
          case "--rate" -> rate = BenchOptions.wholeNumber("--rate", value, 1, 1_000);
          case "--stock" -> stock = BenchOptions.wholeNumber("--stock", value, 1, MapTraffic.PLACES * 3 / 4);
          default -> throw new IllegalArgumentException("unknown option " + args[i]
              + " (use --seconds S, --rate MOVEMENTS_PER_S, --stock TAGS)");
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("map: " + e.getMessage());
      return 2;
    }
    if (HeadlessChromium.unavailable().isPresent()) {
      System.err.println("map: cannot run without a browser: " + HeadlessChromium.unavailable().get());
      return 2;
    }
    try (TestDatabase testDb = TestServices.newDatabase("bench_map")) {
      TestBroker broker = TestServices.newBroker("bench_map");
      System.out.printf("map: PostgreSQL %s; MQTT %s%n", testDb.source(), broker.source());
      return measure(testDb, broker, seconds, rate, stock);
    }
  }

  private int measure(TestDatabase testDb, TestBroker broker, int seconds, int rate, int stock) throws Exception {
    ControlPlaneConfig config = new ControlPlaneConfig(new ControlPlaneConfig.Http(null, 0, null),
        new ControlPlaneConfig.Database(testDb.jdbcUrl(), null, null, 8),
        new ControlPlaneConfig.Mqtt(broker.uri(), broker.topicPrefix(), "tagflow-bench-map-" + UUID.randomUUID()),
        null, List.of(MapTraffic.layout()));
    Vertx vertx = Vertx.vertx();
    ControlPlaneService service = ControlPlaneService.start(vertx, config, Clock.systemUTC())
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    MqttAsyncClient publisher = new MqttAsyncClient(broker.uri(), "tagflow-bench-map-pub-" + UUID.randomUUID(),
        new MemoryPersistence());
    try (Database db = Database.open(StoreOptions.defaults(testDb.jdbcUrl()), Clock.systemUTC())) {
      MapTraffic.register(PgRepositories.create(db.dataSource(), Clock.systemUTC()));
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      options.setReceiveMaximum(65_535);
      publisher.connect(options).waitForCompletion(10_000);
      MapTraffic traffic = new MapTraffic(publisher, Topics.under(broker.topicPrefix()));
      int port = service.controlPlane().port();
      int stocked = traffic.prefill(stock, () -> controlPlaneStock(port));
      System.out.printf("map: site of %,d bins and %d doors; %,d tags put away before the page opens%n",
          MapTraffic.AISLES * MapTraffic.BINS_PER_AISLE, MapTraffic.DOORS, stocked);
      try (HeadlessChromium browser = HeadlessChromium.start(1600, 1000, "--enable-precise-memory-info",
          "--js-flags=--expose-gc")) {
        ChromeDriver page = browser.driver();
        page.get("http://127.0.0.1:" + service.controlPlane().port() + "/map/?site=" + MapTraffic.SITE);
        browser.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.attributeToBe(
            By.cssSelector("[data-testid='connection-status']"), "data-state", "open"));
        if (!awaitStock(browser, stocked, "the prefilled stock")) {
          System.err.printf("map: the control plane itself counts %,d units in bins%n",
              controlPlaneStock(service.controlPlane().port()));
          return 1;
        }
        return drive(browser, traffic, seconds, rate, service.controlPlane().port());
      }
    } finally {
      if (publisher.isConnected()) {
        publisher.disconnect().waitForCompletion(5_000);
      }
      publisher.close();
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** Waits (up to 90 s) until the page's bins hold {@code stock} units in all; false, saying so, if they never do. */
  private static boolean awaitStock(HeadlessChromium browser, int stock, String what) {
    AtomicReference<Object> seen = new AtomicReference<>();
    try {
      browser.waitUpTo(Duration.ofSeconds(90)).until(d -> {
        Object total = ((ChromeDriver) d).executeScript("let n = 0; for (const b of window.tagflowMap.floor.bins.values())"
            + " { n += b.occ ? b.occ.count : 0; } return n;");
        seen.set(total);
        return ((Number) total).intValue() == stock;
      });
      return true;
    } catch (org.openqa.selenium.TimeoutException e) {
      System.err.printf("map: the page shows %s units in bins after 90 s, expected %,d (%s)%n", seen.get(), stock, what);
      return false;
    }
  }

  /** The units in bins by the control plane's own occupancy snapshot (to tell a page fault from a lost event). */
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static long controlPlaneStock(int port) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/api/sites/" + MapTraffic.SITE + "/occupancy")).build(),
        HttpResponse.BodyHandlers.ofString());
    long units = 0;
    for (JsonNode bin : new ObjectMapper().readTree(answer.body()).path("bins")) {
      units += bin.path("count").asLong();
    }
    return units;
  }

  private int drive(HeadlessChromium browser, MapTraffic traffic, int seconds, int rate, int port) throws Exception {
    ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    AtomicReference<Exception> failed = new AtomicReference<>();
    pace.scheduleAtFixedRate(() -> {
      try {
        if (failed.get() == null) {
          traffic.tick();
        }
      } catch (Exception e) {
        failed.compareAndSet(null, e);
      }
    }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
    MapProbe probe = new MapProbe(browser.driver());
    Map<String, Object> figures;
    Map<String, Double> cpuStart;
    Map<String, Double> cpuEnd;
    long jvmCpu;
    long movementsStart;
    long elapsed;
    String loadStart;
    try {
      System.out.printf("map: %d movements/s, %d s warm-up, then %d s measured%n", rate, WARM_UP_SECONDS, seconds);
      TimeUnit.SECONDS.sleep(WARM_UP_SECONDS);
      loadStart = loadAverage();
      probe.install();
      cpuStart = probe.cpu();
      jvmCpu = jvmCpuNanos();
      movementsStart = traffic.movements.get();
      long start = System.nanoTime();
      for (int s = PROGRESS_SECONDS; s <= seconds && failed.get() == null; s += PROGRESS_SECONDS) {
        TimeUnit.NANOSECONDS.sleep(start + s * 1_000_000_000L - System.nanoTime());
        progress(s, traffic, probe.read(false));
      }
      elapsed = System.nanoTime() - start;
      figures = probe.read(true);
      cpuEnd = probe.cpu();
      jvmCpu = jvmCpuNanos() - jvmCpu;
    } finally {
      pace.shutdown();
      pace.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (failed.get() != null) {
      throw failed.get();
    }
    double movementsPerS = (traffic.movements.get() - movementsStart) / (elapsed / 1e9);
    boolean converged = awaitStock(browser, traffic.stock(), "the generator's stock after the run");
    if (!converged) {
      System.err.printf("map: the control plane itself counts %,d units in bins%n", controlPlaneStock(port));
    }
    report(figures, cpuStart, cpuEnd, jvmCpu, elapsed / 1e9, movementsPerS, loadStart, traffic.stock(), converged);
    return converged ? 0 : 1;
  }

  private static void progress(int s, MapTraffic traffic, Map<String, Object> f) {
    System.out.printf(Locale.ROOT, "map: %3d s: published %,d movements, %,d put-aways, %d anomalies caused;"
            + " page: %,d feed messages, %,d frames (p95 %.1f ms), %d long tasks, update lag p99 %.0f ms%n", s,
        traffic.movements.get(), traffic.locations.get(), traffic.anomaliesCaused.get(),
        (long) MapProbe.number(f, "messages"), (long) MapProbe.number(f, "frames"), MapProbe.number(f, "frameP95"),
        (long) MapProbe.number(f, "longTasks"), MapProbe.number(f, "lagP99"));
  }

  private static void report(Map<String, Object> f, Map<String, Double> cpuStart, Map<String, Double> cpuEnd,
      long jvmCpuNanos, double seconds, double movementsPerS, String loadStart, int stock, boolean converged) {
    double frameP95 = MapProbe.number(f, "frameP95");
    double frameP99 = MapProbe.number(f, "frameP99");
    double lagP99 = MapProbe.number(f, "lagP99");
    double longestTask = MapProbe.number(f, "longTaskMax");
    long longTasks = (long) MapProbe.number(f, "longTasks");
    double heapGrowthMb = (MapProbe.number(f, "heapEnd") - MapProbe.number(f, "heapStart")) / (1024.0 * 1024.0);
    long frames = (long) MapProbe.number(f, "frames");
    System.out.printf(Locale.ROOT, "map: measured %.1f s at %.1f movements/s; the page received %,d feed messages %s%n",
        seconds, movementsPerS, (long) MapProbe.number(f, "messages"), f.get("kinds"));
    System.out.printf(Locale.ROOT, "frames: %,d (%.1f/s); interval p50 %.1f ms, p95 %.1f, p99 %.1f, max %.1f;"
            + " %.2f %% over 50 ms%n", frames, frames / seconds, MapProbe.number(f, "frameP50"), frameP95, frameP99,
        MapProbe.number(f, "frameMax"), frames == 0 ? 0 : 100.0 * MapProbe.number(f, "framesOver50") / frames);
    System.out.printf(Locale.ROOT, "long tasks: %d (%d over %.0f ms), longest %.0f ms, %.0f ms in all%n", longTasks,
        (long) MapProbe.number(f, "longTasksOver100"), SMOOTH_LONG_TASK_MS, longestTask,
        MapProbe.number(f, "longTaskTotal"));
    System.out.printf(Locale.ROOT, "update lag (feed message received -> next frame painted): p50 %.1f ms, p95 %.1f,"
            + " p99 %.1f, max %.1f%n", MapProbe.number(f, "lagP50"), MapProbe.number(f, "lagP95"), lagP99,
        MapProbe.number(f, "lagMax"));
    double shownP99 = MapProbe.number(f, "shownP99");
    boolean hasClock = MapProbe.number(f, "shownMax") >= 0;
    if (hasClock) {
      System.out.printf(Locale.ROOT, "shown lag (feed message received -> painted after the page applied it): p50 %.1f ms,"
              + " p95 %.1f, p99 %.1f, max %.1f; %d not yet shown at the end%n", MapProbe.number(f, "shownP50"),
          MapProbe.number(f, "shownP95"), shownP99, MapProbe.number(f, "shownMax"), (long) MapProbe.number(f, "unshown"));
    } else {
      System.out.println("shown lag: not measured (the page exposes no render clock, window.tagflowMap.clock)");
    }
    System.out.printf(Locale.ROOT, "end-to-end lag of movements (published -> painted, via broker, ingest, store,"
        + " feed): p50 %.0f ms, p99 %.0f ms%n", MapProbe.number(f, "e2eP50"), MapProbe.number(f, "e2eP99"));
    System.out.printf(Locale.ROOT, "heap (after GC): %.1f MB at start, %.1f MB at end, growth %.2f MB;"
            + " DOM nodes %,d -> %,d; %d anomaly rows, %d ticker rows; feed reconnects %d%n",
        MapProbe.number(f, "heapStart") / 1048576, MapProbe.number(f, "heapEnd") / 1048576, heapGrowthMb,
        (long) MapProbe.number(f, "nodesStart"), (long) MapProbe.number(f, "nodes"),
        (long) MapProbe.number(f, "anomalyRows"), (long) MapProbe.number(f, "tickerRows"),
        (long) MapProbe.number(f, "reconnects"));
    StringBuilder cpu = new StringBuilder("renderer main thread (DevTools Performance metrics, s per measured s):");
    for (String name : MapProbe.CPU_METRICS) {
      double used = cpuEnd.getOrDefault(name, Double.NaN) - cpuStart.getOrDefault(name, Double.NaN);
      cpu.append(String.format(Locale.ROOT, " %s %.3f", name, used / seconds));
    }
    System.out.println(cpu);
    System.out.printf(Locale.ROOT, "control plane + bench JVM CPU: %.2f s per measured s; load average %s at start,"
        + " %s at end (%d cores)%n", jvmCpuNanos / 1e9 / seconds, loadStart, loadAverage(),
        Runtime.getRuntime().availableProcessors());
    System.out.printf("page %s: %,d units in bins published%n", converged ? "converged" : "DID NOT converge", stock);
    boolean smooth = frameP95 <= SMOOTH_FRAME_P95_MS && longestTask <= SMOOTH_LONG_TASK_MS
        && lagP99 <= SMOOTH_LAG_P99_MS && (!hasClock || shownP99 <= SMOOTH_LAG_P99_MS)
        && (long) MapProbe.number(f, "reconnects") == 0;
    System.out.printf(Locale.ROOT, "RESULT bins=%d movements_per_s=%.1f frame_p95_ms=%.1f frame_p99_ms=%.1f"
            + " long_tasks=%d longest_task_ms=%.0f update_lag_p99_ms=%.1f shown_lag_p99_ms=%.1f heap_growth_mb=%.2f"
            + " smooth=%s%n", MapTraffic.AISLES * MapTraffic.BINS_PER_AISLE, movementsPerS, frameP95, frameP99,
        longTasks, longestTask, lagP99, hasClock ? shownP99 : -1, heapGrowthMb, smooth);
  }

  private static long jvmCpuNanos() {
    return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (Exception e) {
      return "unknown";
    }
  }
}
