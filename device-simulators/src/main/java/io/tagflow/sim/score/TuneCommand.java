package io.tagflow.sim.score;

import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.sim.physics.ReaderSim;
import io.tagflow.sim.physics.Scene;
import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.scenario.ScenarioOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./tagflow sim tune --scenario S.yaml}: runs the scene through the gateway's filter pipeline
 * in-process (accelerated) and prints the accuracy table, so an engineer can try reader power and
 * filter settings at a desk. Each option overrides one default of the pipeline's FilterSettings.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
    description = "Runs a scenario through the gateway pipeline in-process and scores its events.")
public final class TuneCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ScenarioOptions scenarioOptions;

  @Option(names = "--tx-power-index", description = "set every antenna of every reader to this power index")
  Integer txPowerIndex;

  @Option(names = "--min-rssi", description = "FilterSettings.minRssiDbm")
  Double minRssi;

  @Option(names = "--min-confidence", description = "FilterSettings.minConfidence")
  Double minConfidence;

  @Option(names = "--absence-timeout-ms", description = "FilterSettings.absenceTimeout")
  Long absenceTimeoutMs;

  @Option(names = "--set", paramLabel = "NAME=FROM..TO:STEP",
      description = "sweep a FilterSettings value (repeatable; NAME=FROM..TO:STEP or NAME=A,B,C, durations with a "
          + "unit, e.g. absenceTimeout=500ms..3000ms:250ms): runs every combination and prints a ranked table")
  java.util.List<String> sweep = new java.util.ArrayList<>();

  @Option(names = "--window-s", defaultValue = "10", description = "scoring match window, seconds")
  double windowS;

  @Option(names = "--events-out", description = "also write the pipeline's events here (JSON lines)")
  Path eventsOut;

  @Option(names = "--truth-out", description = "also write the truth here (JSON lines)")
  Path truthOut;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Scenario scenario = scenarioOptions.load(err);
    if (scenario == null) {
      return 2;
    }
    FilterSettings.Builder fs = FilterSettings.defaults().toBuilder();
    if (minRssi != null) {
      fs.minRssiDbm(minRssi);
    }
    if (minConfidence != null) {
      fs.minConfidence(minConfidence);
    }
    if (absenceTimeoutMs != null) {
      fs.absenceTimeout(Duration.ofMillis(absenceTimeoutMs));
    }
    FilterSettings settings;
    Scene scene;
    try {
      settings = fs.build();
      scene = scene(scenario);
    } catch (IllegalArgumentException e) {
      err.println("sim tune: " + e.getMessage());
      err.flush();
      return 2;
    }
    long until = scenarioOptions.durationMicros(scenario);
    if (!sweep.isEmpty()) {
      return sweep(scenario, settings, until, out, err);
    }
    long wall = System.nanoTime();
    // An 8-hour shift takes minutes of wall time: say how far it has got.
    PipelineRun.Result result = new PipelineRun(scene, settings).run(until, t -> {
      out.printf(Locale.ROOT, "sim tune: %s: %,d of %,d s virtual, %.0f s wall%n", scenario.name(), t / 1_000_000,
          until / 1_000_000, (System.nanoTime() - wall) / 1e9);
      out.flush();
    });
    out.printf(Locale.ROOT, "sim tune: %s, seed %d: %.0f s virtual in %.1f s wall, %d reads, %d movements, "
            + "%d location events%n", scenario.name(), scenario.seed(), until / 1e6, (System.nanoTime() - wall) / 1e9,
        result.reads(), result.movements().size(), result.locations().size());
    var truth = result.truth();
    if (truthOut != null) {
      io.tagflow.sim.truth.TruthJson.write(truthOut, truth);
    }
    if (eventsOut != null) {
      EventCodec codec = new EventCodec();
      try (OutputStream os = Files.newOutputStream(eventsOut)) {
        for (var e : result.movements()) {
          os.write(codec.encode(e));
          os.write('\n');
        }
        for (var e : result.locations()) {
          os.write(codec.encode(e));
          os.write('\n');
        }
      }
    }
    ScoreReport report = result.score(new Scorer(Duration.ofMillis(Math.round(windowS * 1000))));
    out.print(report.toTable());
    out.flush();
    return 0;
  }

  /** {@code --set}: the grid search, starting from {@code base} (defaults plus the other options). */
  private int sweep(Scenario scenario, FilterSettings base, long until, PrintWriter out, PrintWriter err) {
    java.util.List<FilterSweep.Row> rows;
    try {
      java.util.List<FilterSweep.Swept> swept = sweep.stream().map(FilterSweep.Swept::parse).toList();
      rows = new FilterSweep(() -> scene(scenario), base, until, Duration.ofMillis(Math.round(windowS * 1000)), out)
          .run(swept);
    } catch (IllegalArgumentException e) {
      err.println("sim tune: " + e.getMessage());
      err.flush();
      return 2;
    }
    out.printf(Locale.ROOT, "%nsim tune: %s, seed %d, %.0f s virtual: %d combinations, best first%n", scenario.name(),
        scenario.seed(), until / 1e6, rows.size());
    out.print(FilterSweep.table(rows));
    out.flush();
    return 0;
  }

  /** A fresh scene of {@code scenario}, with {@code --tx-power-index} applied to every antenna. */
  private Scene scene(Scenario scenario) {
    Scene scene = Scene.build(scenario);
    if (txPowerIndex != null) {
      for (ReaderSim r : scene.readers()) {
        for (int port : r.antennaPorts()) {
          r.setTxPowerIndex(port, txPowerIndex);
        }
      }
    }
    return scene;
  }
}
