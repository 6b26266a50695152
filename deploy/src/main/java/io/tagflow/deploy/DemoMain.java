package io.tagflow.deploy;

import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.scenario.ScenarioException;
import io.tagflow.sim.scenario.ScenarioLoader;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tagflow demo}: all of tagflow in one process with nothing but a JDK (see {@link Demo}).
 * Prints one line per component as it starts, then the map's URL, then a status line periodically;
 * Ctrl-C stops everything in order. Exit code 0 after a clean stop, 2 for bad options or a bad
 * scenario (one message, no stack trace), 1 when something cannot start.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Runs tagflow live on one machine: embedded PostgreSQL, an in-process MQTT 5 broker, the"
        + " control plane (map and API), simulated LLRP readers playing a warehouse, and a gateway reading them."
        + " Everything binds 127.0.0.1; data is temporary unless --pg-url points at a server of yours.")
public final class DemoMain implements Callable<Integer> {
  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
      description = "The control plane's HTTP port: the map at /, the API under /api (default ${DEFAULT-VALUE}; 0 = any free port).")
  int httpPort;

  @Option(names = "--pg-url", paramLabel = "JDBC_URL",
      description = "Use this PostgreSQL (e.g. one with TimescaleDB) instead of the embedded one:"
          + " jdbc:postgresql://host:5432/db?user=...&password=...")
  String pgUrl;

  @Option(names = "--mqtt-uri", paramLabel = "URI",
      description = "Use this MQTT 5 broker instead of the in-process one: tcp://host:1883.")
  String mqttUri;

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "Play this scenario (docs/scenarios.md) instead of the bundled demo site.")
  Path scenario;

  @Option(names = "--status-every", paramLabel = "SECONDS", defaultValue = "10",
      description = "Seconds between status lines (default ${DEFAULT-VALUE}).")
  long statusEverySeconds;

  @Option(names = "--lock", paramLabel = "LOT", split = ",",
      description = "Lots to lock at start, so that their exits are flagged (default LOT-HOLD).")
  List<String> lockedLots;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoMain()).execute(args));
  }

  @SuppressWarnings("removal")
  private static void trap(String signal, CountDownLatch stop) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal(signal), sig -> stop.countDown());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // signal unknown on this platform: the shutdown hook still stops the demo, less orderly
    }
  }

  /** The options these arguments give; picocli or range errors throw with a one-line message. */
  static DemoOptions parse(String... args) {
    DemoMain main = new DemoMain();
    new CommandLine(main).parseArgs(args);
    return main.options();
  }

  DemoOptions options() {
    return new DemoOptions(httpPort, pgUrl, mqttUri, scenario, Duration.ofSeconds(statusEverySeconds), lockedLots);
  }

  /** The scenario the options name, or the bundled one. */
  static Scenario loadScenario(DemoOptions options) throws java.io.IOException {
    if (options.scenario() != null) {
      return ScenarioLoader.load(options.scenario());
    }
    try (InputStream in = DemoMain.class.getResourceAsStream(DemoOptions.BUNDLED_SCENARIO)) {
      if (in == null) {
        throw new IllegalStateException("the bundled scenario " + DemoOptions.BUNDLED_SCENARIO + " is missing");
      }
      return ScenarioLoader.load("demo.yaml", in);
    }
  }

  @Override
  public Integer call() throws Exception {
    // Logging is initialised here, on one thread, before components start logging from several at
    // once (SLF4J would otherwise replay their early calls with a warning).
    org.slf4j.LoggerFactory.getLogger(DemoMain.class);
    PrintStream out = System.out;
    DemoOptions options;
    Scenario s;
    try {
      options = options();
      s = loadScenario(options);
    } catch (IllegalArgumentException e) {
      System.err.println("tagflow demo: " + e.getMessage());
      return 2;
    } catch (ScenarioException e) {
      System.err.println("tagflow demo: " + e.getMessage());
      return 2;
    }
    Demo demo;
    try {
      demo = Demo.start(options, s, out, Clock.systemUTC());
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      System.err.println("tagflow demo: could not start: " + cause.getMessage());
      return 1;
    }
    out.printf(java.util.Locale.ROOT, "tagflow demo: ready in %.1f s. Open the map: %s   (Ctrl-C stops)%n",
        demo.uptimeSeconds(), demo.url());
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    // Ctrl-C and SIGTERM are taken over so that the demo stops its parts in order before the JVM's
    // shutdown begins: the embedded PostgreSQL and HiveMQ register shutdown hooks of their own that
    // would otherwise stop them underneath a control plane still flushing. The hook below covers
    // every other way the JVM may exit; close() is idempotent.
    trap("INT", stop);
    trap("TERM", stop);
    Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "tagflow-demo-shutdown"));
    stop.await();
    out.println("tagflow demo: stopping");
    demo.close();
    out.println("tagflow demo: stopped");
    out.flush();
    return 0;
  }
}
