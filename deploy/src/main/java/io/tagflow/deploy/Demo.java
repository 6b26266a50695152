package io.tagflow.deploy;

import io.tagflow.controlplane.ControlPlaneConfig;
import io.tagflow.controlplane.ControlPlaneService;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.deploy.embedded.EmbeddedPostgresServer;
import io.tagflow.embedded.EmbeddedBroker;
import io.tagflow.gateway.Gateway;
import io.tagflow.gateway.config.GatewayConfig;
import io.tagflow.gateway.config.GatewayConfigLoader;
import io.tagflow.sim.physics.ReaderSim;
import io.tagflow.sim.physics.Scene;
import io.tagflow.sim.physics.SceneTagSource;
import io.tagflow.sim.reader.SimulatedReader;
import io.tagflow.sim.reader.SimulatedReaderOptions;
import io.tagflow.sim.scenario.Scenario;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole of tagflow in one process: PostgreSQL, an MQTT broker, the control plane, simulated LLRP
 * readers playing a scenario, and a gateway reading them. {@link #start} brings them up in that order,
 * parts that do not depend on each other side by side (see {@code startAll}), printing one line per
 * component with its time; the scene starts once the registry is seeded and the gateway reads
 * ({@link SceneStart}); {@link #close} stops them in reverse (gateway,
 * simulator, control plane, broker, PostgreSQL), each step bounded by {@link #STOP_TIMEOUT}.
 *
 * <p>Nothing here is a production deployment: services are embedded, data is temporary (unless
 * {@code --pg-url} points elsewhere), and every port is on 127.0.0.1.
 */
public final class Demo implements AutoCloseable {
  /** The longest each component gets to stop. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final PrintStream out;
  private final Clock clock;
  private final long startedNanos;
  private EmbeddedPostgresServer postgres;
  private EmbeddedBroker broker;
  private Vertx vertx;
  private ControlPlaneService controlPlane;
  private final List<SimulatedReader> readers = new ArrayList<>();
  private Gateway gateway;
  private Path workDir;
  private String jdbcUrl;
  private SiteLayout site;
  private URI url;
  private StatusReporter status;
  private final List<Integer> listening = new ArrayList<>();

  private Demo(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
    this.startedNanos = System.nanoTime();
  }

  /**
   * Starts everything; on failure stops what did start and rethrows.
   *
   * @param scenario a validated scenario (see {@code ScenarioLoader})
   * @param out where progress and status lines go
   */
  public static Demo start(DemoOptions options, Scenario scenario, PrintStream out, Clock clock) throws Exception {
    Demo demo = new Demo(out, clock);
    try {
      demo.startAll(options, scenario);
      return demo;
    } catch (Exception | Error e) {
      demo.close();
      throw e;
    }
  }

  private void startAll(DemoOptions options, Scenario scenario) throws Exception {
    workDir = Files.createTempDirectory("tagflow-demo");
    // Logging is initialised on this thread before the parts below start logging from several at once
    // (SLF4J would otherwise replay their early calls with a warning).
    org.slf4j.LoggerFactory.getLogger(Demo.class);
    // Independent work starts side by side: PostgreSQL (mostly initdb, a process of its own), the
    // broker, planning the scene (every pallet of the run) and Vert.x (loading its classes).
    long t0 = System.nanoTime();
    out.println("tagflow demo: starting " + (options.pgUrl() == null ? "PostgreSQL (embedded), " : "")
        + (options.mqttUri() == null ? "the MQTT broker (embedded), " : "") + "planning the scenario ...");
    out.flush();
    CompletableFuture<EmbeddedPostgresServer> pg = options.pgUrl() != null ? null
        : CompletableFuture.supplyAsync(EmbeddedPostgresServer::start);
    CompletableFuture<EmbeddedBroker> mq = options.mqttUri() != null ? null
        : CompletableFuture.supplyAsync(() -> EmbeddedBroker.start("demo", "WARN"));
    CompletableFuture<Vertx> vx = CompletableFuture.supplyAsync(Vertx::vertx);
    CompletableFuture<Scene> planned = CompletableFuture.supplyAsync(
        () -> Scene.build(scenario.withStart(clock.instant().truncatedTo(ChronoUnit.MILLIS))));
    try {
      if (pg != null) {
        postgres = pg.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        jdbcUrl = postgres.jdbcUrl();
        step(t0, "PostgreSQL (embedded) on 127.0.0.1:" + postgres.port());
      } else {
        jdbcUrl = options.pgUrl();
        step(t0, "PostgreSQL at " + ControlPlaneConfig.Database.withoutParameters(jdbcUrl));
      }
    } finally {
      // Owned from here on whatever happened to PostgreSQL, so that close() stops them.
      vertx = vx.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (mq != null) {
        broker = mq.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    }
    String mqttUri = broker != null ? broker.uri() : options.mqttUri();
    step(t0, (broker != null ? "MQTT 5 broker (embedded HiveMQ CE) at " : "MQTT broker at ") + mqttUri);

    long t = System.nanoTime();
    site = DemoSite.siteLayout(scenario);
    ControlPlaneConfig cpConfig = new ControlPlaneConfig(
        new ControlPlaneConfig.Http("127.0.0.1", options.httpPort(), null),
        new ControlPlaneConfig.Database(jdbcUrl, null, null, 4),
        new ControlPlaneConfig.Mqtt(mqttUri, "", "tagflow-demo-control-plane"),
        null, List.of(site));
    controlPlane = ControlPlaneService.start(vertx, cpConfig, clock)
        .toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    url = URI.create("http://127.0.0.1:" + controlPlane.controlPlane().port() + "/");
    step(t, "control plane: site " + site.id() + " (" + site.doors().size() + " doors, " + site.bins().size()
        + " bins), HTTP on 127.0.0.1:" + controlPlane.controlPlane().port());
    // The map is served from here on: say where, before the pallets start moving.
    out.println("tagflow demo: the map is up at " + url + " (pallets appear once the readers and gateway run)");
    out.flush();

    long seedStarted = System.nanoTime();
    Scene scene = planned.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    // Seeding overlaps the readers' and the gateway's start: the readers see nothing until the scene
    // starts, and it starts only after the registry is complete (SceneStart), so that no tag is ever
    // judged against a partial registry.
    CompletableFuture<String> seeded = CompletableFuture.supplyAsync(() -> seed(options, scenario, scene));
    SceneStart sceneStart = new SceneStart(() -> {
      out.println("tagflow demo: the gateway is reading: the scene starts");
      out.flush();
    });
    t = System.nanoTime();
    Map<String, InetSocketAddress> addresses = startReaders(scene, scenario, sceneStart);
    addresses.values().forEach(a -> listening.add(a.getPort()));
    step(t, "simulator: scenario " + DemoSite.describe(scenario) + ", " + readers.size() + " LLRP readers on 127.0.0.1");

    t = System.nanoTime();
    String yaml = DemoSite.gatewayYaml(scenario, addresses, mqttUri, workDir.resolve("outbox"));
    GatewayConfig gwConfig = GatewayConfigLoader.parse(yaml, "demo gateway configuration");
    gateway = Gateway.start(gwConfig, clock, System::getenv);
    step(t, "gateway " + gwConfig.gateway() + ": " + gwConfig.readers().size() + " readers, ops on 127.0.0.1:"
        + gateway.opsPort());

    // A failed start does not wait for seeding: it only talks to the control plane, which close() stops,
    // and each of its requests is bounded.
    step(seedStarted, seeded.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    sceneStart.open();

    listening.add(controlPlane.controlPlane().port());
    if (postgres != null) {
      listening.add(postgres.port());
    }
    if (broker != null) {
      listening.add(broker.port());
    }
    status = new StatusReporter(jdbcUrl, site.id(), readers, out, startedNanos);
    status.start(options.statusEvery());
  }

  /** Seeds lots and the tag registry through the API; returns the line that says what was seeded. */
  private String seed(DemoOptions options, Scenario scenario, Scene scene) {
    List<DemoSite.TagRow> registry = DemoSite.tagRegistry(scenario, scene.palletTags());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Seeder seeder = new Seeder(http, url);
    int tags;
    try {
      seeder.lots(scenario.lots(), options.lockedLots());
      tags = seeder.tags(registry);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("seeding the control plane: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding the control plane", e);
    }
    List<String> locked = scenario.lots().stream().map(l -> l.id()).filter(options.lockedLots()::contains).toList();
    return "seeded " + scenario.lots().size() + " lots (locked: " + (locked.isEmpty() ? "none" : String.join(", ", locked))
        + ") and " + tags + " tags of " + scene.palletCount() + " pallets";
  }

  private Map<String, InetSocketAddress> startReaders(Scene scene, Scenario scenario, SceneStart sceneStart)
      throws Exception {
    Map<String, CompletableFuture<InetSocketAddress>> bound = new LinkedHashMap<>();
    for (String id : DemoSite.activeReaders(scenario)) {
      ReaderSim r = scene.reader(id);
      int[] ports = r.antennaPorts();
      long roundMicros = r.dwellMicros() * Math.max(1, ports.length);
      SimulatedReaderOptions o = SimulatedReaderOptions.defaults().withPort(0)
          .withAntennaCount(ports[ports.length - 1])
          .withTxPowerTable(r.spec().txPowerDbm().stream().map(d -> (int) Math.round(d * 100)).toList())
          .withInventoryRound(Duration.ofNanos(roundMicros * 1000));
      SimulatedReader server = SimulatedReader.create(o,
          sceneStart.feeding(new SceneTagSource(r, Instant.EPOCH, roundMicros)), clock);
      readers.add(server);
      bound.put(id, server.start());
    }
    Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
    for (Map.Entry<String, CompletableFuture<InetSocketAddress>> e : bound.entrySet()) {
      addresses.put(e.getKey(), e.getValue().get(10, TimeUnit.SECONDS));
    }
    return addresses;
  }

  private void step(long sinceNanos, String what) {
    out.printf(Locale.ROOT, "tagflow demo: %-90s %5.1f s%n", what, (System.nanoTime() - sinceNanos) / 1e9);
    out.flush();
  }

  /** The map and API, {@code http://127.0.0.1:PORT/}. */
  public URI url() {
    return url;
  }

  /** The demo site's layout, as the control plane knows it. */
  public SiteLayout site() {
    return site;
  }

  /** Seconds since {@link #start} was called. */
  public double uptimeSeconds() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /**
   * Every TCP port the demo listens on (HTTP, simulated readers, and the embedded PostgreSQL and broker
   * when they run), for checks that {@link #close} releases them.
   */
  public List<Integer> listeningPorts() {
    return List.copyOf(listening);
  }

  /**
   * Stops everything that runs, in order: status, gateway, simulator, control plane (and Vert.x),
   * broker, PostgreSQL. Each step is bounded; a step that fails or times out is reported and the next
   * one still runs. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (status != null) {
      status.close();
      status = null;
    }
    if (gateway != null) {
      Gateway g = gateway;
      gateway = null;
      stopStep("gateway", () -> g.close());
    }
    if (!readers.isEmpty()) {
      List<SimulatedReader> rs = List.copyOf(readers);
      readers.clear();
      stopStep("simulator", () -> CompletableFuture.allOf(rs.stream().map(SimulatedReader::stop)
          .toArray(CompletableFuture[]::new)).get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }
    if (controlPlane != null) {
      ControlPlaneService cp = controlPlane;
      controlPlane = null;
      stopStep("control plane", () -> cp.stop().toCompletionStage().toCompletableFuture()
          .get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }
    if (vertx != null) {
      Vertx v = vertx;
      vertx = null;
      stopStep("Vert.x", () -> v.close().toCompletionStage().toCompletableFuture()
          .get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }
    if (broker != null) {
      EmbeddedBroker b = broker;
      broker = null;
      stopStep("MQTT broker", b::close);
    }
    if (postgres != null) {
      EmbeddedPostgresServer p = postgres;
      postgres = null;
      stopStep("PostgreSQL", p::close);
    }
    if (workDir != null) {
      deleteTree(workDir);
      workDir = null;
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private void stopStep(String what, Step step) {
    long t = System.nanoTime();
    try {
      step.run();
      out.printf(Locale.ROOT, "tagflow demo: stopped %-20s %5.1f s%n", what, (System.nanoTime() - t) / 1e9);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println("tagflow demo: interrupted while stopping " + what);
    } catch (Exception e) {
      out.println("tagflow demo: " + what + " did not stop cleanly: " + e);
    }
    out.flush();
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException ignored) {
      // a leftover temporary directory is harmless
    }
  }
}
