package io.tagflow.sim.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.sim.physics.Scene;
import io.tagflow.sim.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import io.tagflow.sim.SimMain;

class PipelineRunTest {
  @Test
  void run_oneDoor_realPipelineFindsEveryCrossingInTheRightDirection() {
    Scene scene = Scene.build(ScenarioLoader.load(Path.of("scenarios/one-door.yaml")));
    long until = 300_000_000L;
    PipelineRun.Result result = new PipelineRun(scene, FilterSettings.defaults()).run(until);
    assertThat(result.reads()).isPositive();
    assertThat(result.movements()).isNotEmpty();
    ScoreReport report = result.score(new Scorer(Duration.ofSeconds(10)));
    assertThat(report.trueCrossings()).isEqualTo(4);
    assertThat(report.recall()).isEqualTo(1.0);
    assertThat(report.directionAccuracy()).isEqualTo(1.0);
    assertThat(report.doorAccuracy()).isEqualTo(1.0);
    assertThat(report.precision()).as(report.toTable()).isEqualTo(1.0);
    // one-door has no zone antennas: no placement is scorable.
    assertThat(report.placements()).isZero();
  }

  @Test
  void tune_cli_printsTheTable() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("tune", "--scenario", "scenarios/one-door.yaml", "--duration-s", "60",
        "--tx-power-index", "61");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("sim tune: one-door, seed 42: 60 s virtual").contains("movement recall");
  }

  @Test
  void tune_cli_longRun_printsProgressEveryTenVirtualMinutes() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("tune", "--scenario", "scenarios/one-door.yaml", "--duration-s", "610");
    assertThat(code).isZero();
    assertThat(out.toString().lines().filter(l -> l.matches("sim tune: one-door: [0-9,]+ of 610 s virtual, \\d+ s wall")))
        .extracting(l -> l.split(" ")[3]).containsExactly("600");
  }
}
