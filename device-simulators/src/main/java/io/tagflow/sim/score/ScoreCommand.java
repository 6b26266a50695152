package io.tagflow.sim.score;

import io.tagflow.sim.truth.GroundTruth;
import io.tagflow.sim.truth.TruthJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./tagflow sim score --truth T.jsonl --events E.jsonl}: prints the accuracy table. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Compares a gateway's movement and location events (JSON lines) with a scene's truth.")
public final class ScoreCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--truth", required = true, description = "truth file written by the scene (JSON lines)")
  Path truth;

  @Option(names = "--events", required = true, description = "the gateway's events (JSON lines)")
  Path events;

  @Option(names = "--window-s", defaultValue = "10",
      description = "match window around a movement's reads, seconds (default ${DEFAULT-VALUE})")
  double windowS;

  @Option(names = "--max-findings", defaultValue = "200", description = "findings to print at most")
  int maxFindings;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      GroundTruth t = TruthJson.read(truth);
      ObservedEvents e = ObservedEvents.read(events);
      ScoreReport report = new Scorer(Duration.ofMillis(Math.round(windowS * 1000))).score(t, e);
      if (report.findings().size() > maxFindings) {
        report = new ScoreReport(report.trueCrossings(), report.movementEvents(), report.matched(),
            report.directionCorrect(), report.doorCorrect(), report.placements(), report.placementsCorrect(),
            report.latencyP50(), report.latencyP99(), report.findings().subList(0, maxFindings));
        out.println("(first " + maxFindings + " findings shown)");
      }
      out.print(report.toTable());
      out.flush();
      return 0;
    } catch (IllegalArgumentException ex) {
      err.println("sim score: " + ex.getMessage());
      return 2;
    } catch (IOException ex) {
      err.println("sim score: cannot read: " + ex.getMessage());
      return 2;
    }
  }
}
