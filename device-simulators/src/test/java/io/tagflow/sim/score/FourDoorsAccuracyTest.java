package io.tagflow.sim.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.sim.physics.Scene;
import io.tagflow.sim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Accuracy floor of the gateway's default filter pipeline on the noisy four-door scene (adjacent
 * doors in use at once, a door used both ways within a minute, staged pallets and a stray tag next
 * to the portals), run accelerated on virtual time: a pipeline change that loses accuracy fails
 * here. Same run as {@code ./tagflow bench accuracy}, whose RESULT line carries these figures.
 *
 * <p>The floors are the targets (precision and recall 99.9 %, direction 99.5 %, door 99.9 %), which
 * the pipeline meets here since it decides per passage (all four crossings right, no false event;
 * docs/performance.md, "accuracy"). With four crossings any mistake fails them.
 */
class FourDoorsAccuracyTest {
  @Test
  void defaults_fourDoors_accuracyStaysAtOrAboveTheFloor() {
    assertTargetsMet(fourDoors(FilterSettings.defaults()));
  }

  private static ScoreReport fourDoors(FilterSettings settings) {
    Scene scene = Scene.build(ScenarioLoader.load(Path.of("scenarios/four-doors.yaml")));
    long until = Math.round(scene.scenario().durationS() * 1e6);
    PipelineRun.Result result = new PipelineRun(scene, settings).run(until);
    return result.score(new Scorer(Duration.ofSeconds(10)));
  }

  private static void assertTargetsMet(ScoreReport report) {
    assertThat(report.trueCrossings()).isEqualTo(4);
    assertThat(report.recall()).as(report.toTable()).isGreaterThanOrEqualTo(0.999);
    assertThat(report.directionAccuracy()).as(report.toTable()).isGreaterThanOrEqualTo(0.995);
    assertThat(report.doorAccuracy()).as(report.toTable()).isGreaterThanOrEqualTo(0.999);
    assertThat(report.precision()).as(report.toTable()).isGreaterThanOrEqualTo(0.999);
  }

  /**
   * The same floors with early judgement ({@code crossingSettle} 2 s, the default; see
   * docs/gateway.md): decided while the pallets still stand by the doors, so the median decision
   * latency (virtual time, deterministic) stays under 15 s, where {@code crossingSettle} 0 s (a
   * passage judged when it ends) takes about 30 s.
   */
  @Test
  void earlyJudgement_fourDoors_accuracyAtTheFloorAndDecidedWithinSeconds() {
    ScoreReport report = fourDoors(
        FilterSettings.builder().crossingSettle(Duration.ofSeconds(2)).build());

    assertTargetsMet(report);
    assertThat(report.latencyP50()).as(report.toTable()).isLessThan(Duration.ofSeconds(15));
  }
}
