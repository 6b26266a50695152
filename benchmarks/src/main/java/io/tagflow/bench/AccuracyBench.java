package io.tagflow.bench;

import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.sim.physics.Scene;
import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.scenario.ScenarioLoader;
import io.tagflow.sim.score.PipelineRun;
import io.tagflow.sim.score.ScoreReport;
import io.tagflow.sim.score.Scorer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ./tagflow bench accuracy}: every example scenario ({@code device-simulators/scenarios/*.yaml},
 * or the directory given as the first argument) run through the gateway's real filter pipeline with
 * default {@link FilterSettings}, accelerated on the scene's virtual clock ({@link PipelineRun}), and
 * scored against the scene's ground truth ({@link Scorer}, 10 s match window). Prints each
 * scenario's table (metrics, findings by kind, the first findings), then
 * {@code RESULT precision=... recall=... direction=... door=...} for the long noisy four-door
 * scenario ({@value #HEADLINE}: a three-hour shift, about a thousand crossings, so the figures carry
 * three significant digits), plus its event and crossing counts. Targets there: precision and recall
 * at least 99.9 %, direction 99.5 %, door 99.9 %.
 *
 * <p>Load scenes ({@code load-*.yaml}: throughput loads, not accuracy examples) are skipped with a
 * note unless {@code --all} is given.
 *
 * <p>With {@code --explain}, each movement finding is followed by the evidence behind it ({@link
 * AccuracyExplain}; the scenarios with findings run twice).
 *
 * <p>Run from the repository root: {@code ./tagflow bench accuracy [DIR] [--all] [--explain]} (about
 * a minute per simulated hour of a four-door dock).
 */
final class AccuracyBench implements BenchMain.Benchmark {
  static final String HEADLINE = "four-doors-shift";
  private static final int FINDINGS_SHOWN = 12;

  @Override
  public String description() {
    return "example scenarios through the real pipeline (virtual time), scored against the truth";
  }

  @Override
  public int run(String[] args) throws Exception {
    PrintStream out = System.out;
    List<String> options = List.of(args);
    boolean all = options.contains("--all");
    boolean explain = options.contains("--explain");
    Path dir = Path.of(options.stream().filter(a -> !a.startsWith("--")).findFirst().orElse("device-simulators/scenarios"));
    if (!Files.isDirectory(dir)) {
      System.err.println("accuracy: no scenario directory " + dir.toAbsolutePath()
          + " (run from the repository root or pass the directory)");
      return 2;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    ScoreReport headline = null;
    for (Path file : files) {
      if (!all && file.getFileName().toString().startsWith("load-")) {
        out.println("accuracy: " + file.getFileName() + ": load scene, skipped (pass --all to score it)");
        continue;
      }
      Scenario scenario = ScenarioLoader.load(file);
      long until = Math.round(scenario.durationS() * 1e6);
      out.printf(Locale.ROOT, "accuracy: %s: %.0f s of virtual time ...%n", scenario.name(), scenario.durationS());
      long wall = System.nanoTime();
      Scene scene = Scene.build(scenario);
      long started = wall;
      PipelineRun.Result result = new PipelineRun(scene, FilterSettings.defaults()).run(until, t ->
          out.printf(Locale.ROOT, "accuracy: %s: %,d of %,.0f s virtual, %.0f s wall%n", scenario.name(),
              t / 1_000_000, scenario.durationS(), (System.nanoTime() - started) / 1e9));
      ScoreReport report = result.score(new Scorer(Duration.ofSeconds(10)));
      out.printf(Locale.ROOT, "accuracy: %s: %,d reads, %d movement and %d location events in %.1f s wall%n",
          scenario.name(), result.reads(), result.movements().size(), result.locations().size(),
          (System.nanoTime() - wall) / 1e9);
      print(out, report);
      if (explain) {
        AccuracyExplain.explain(out, scenario, result, report);
      }
      if (scenario.name().equals(HEADLINE)) {
        headline = report;
      }
    }
    if (headline == null) {
      System.err.println("accuracy: no scenario named " + HEADLINE + " in " + dir);
      return 2;
    }
    out.printf(Locale.ROOT, "RESULT precision=%.4f recall=%.4f direction=%.4f door=%.4f events=%d crossings=%d%n",
        headline.precision(), headline.recall(), headline.directionAccuracy(), headline.doorAccuracy(),
        headline.movementEvents(), headline.trueCrossings());
    return 0;
  }

  private static void print(PrintStream out, ScoreReport report) {
    String table = report.toTable();
    int cut = table.indexOf("\nfindings");
    out.print(cut < 0 ? table : table.substring(0, cut + 1));
    if (!report.findings().isEmpty()) {
      StringBuilder kinds = new StringBuilder();
      for (ScoreReport.Kind k : ScoreReport.Kind.values()) {
        int n = report.findings(k).size();
        if (n > 0) {
          kinds.append(' ').append(k).append('=').append(n);
        }
      }
      out.printf("findings:%s (first %d):%n", kinds, Math.min(FINDINGS_SHOWN, report.findings().size()));
      report.findings().stream().limit(FINDINGS_SHOWN).forEach(f ->
          out.printf(Locale.ROOT, "  %-15s %-14s %s%n", f.kind(), f.pallet(), f.detail()));
    }
    out.println();
  }
}
