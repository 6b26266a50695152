package io.tagflow.sim.scenario;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every scenario-driven {@code sim} command shares ({@code --scenario}, {@code --seed},
 * {@code --duration-s}), used as a picocli {@code @Mixin}.
 */
public final class ScenarioOptions {
  @Option(names = "--scenario", required = true, description = "scenario file (YAML)")
  Path scenarioFile;

  @Option(names = "--seed", description = "override the scenario's seed")
  Long seed;

  @Option(names = "--duration-s", description = "override the scenario's duration, seconds")
  Double durationS;

  /**
   * Loads and validates the scenario, with the seed override applied. On a bad file it prints the
   * loader's message (file, path inside it, what was expected) to {@code err} and returns null.
   */
  public Scenario load(PrintWriter err) {
    try {
      Scenario scenario = ScenarioLoader.load(scenarioFile);
      return seed == null ? scenario : scenario.withSeed(seed);
    } catch (ScenarioException e) {
      err.println(e.getMessage());
      err.flush();
      return null;
    }
  }

  /** How long to run, in virtual microseconds: {@code --duration-s} or the scenario's own. */
  public long durationMicros(Scenario scenario) {
    return Math.round((durationS != null ? durationS : scenario.durationS()) * 1e6);
  }
}
