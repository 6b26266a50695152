package io.tagflow.gateway.pipeline.internal;

import static io.tagflow.gateway.pipeline.internal.Reads.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.pipeline.Direction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Early judgement ({@code crossingSettle} 2 s): a crossing decided while the tag is still at the door. */
class PortalStageEarlyTest {
  private final ReadPoints rps = Reads.layout();
  private final List<Crossing> out = new ArrayList<>();
  private final PortalStage stage = PortalStageTest.stage(rps, out, 2_000_000);
  private final TagTrack t = Reads.track(rps, Reads.sgtin(1));

  /** Reads of a tag at x from {@code from} for {@code steps} x 50 ms, moving to x1; returns the last time. */
  private long walk(double x0, double x1, long from, int steps) {
    t.setPresent(Reads.OUT, true);
    t.setPresent(Reads.IN, true);
    long at = from;
    for (int i = 0; i <= steps; i++) {
      at = from + ms(i * 50L);
      double x = x0 + (x1 - x0) * i / steps;
      int rp = i % 2 == 0 ? Reads.OUT : Reads.IN;
      stage.onRead(Reads.read(t, rp, Math.round(PortalStageTest.rssi(x, rp == Reads.OUT ? -1 : 1)), at));
    }
    return at;
  }

  @Test
  void tagStillInsideAfterCrossingIn_judgedInOnceSettled() {
    long end = walk(-3, 3, 0, 80);
    stage.onTick(t, end);
    assertThat(out).as("not before the settle time").isEmpty();

    long parked = walk(3, 3, end + ms(50), 60); // set down 3 m inside, still heard
    stage.onTick(t, parked);

    assertThat(out).singleElement().satisfies(c -> assertThat(c.direction()).isEqualTo(Direction.IN));
    assertThat(stage.holds(t)).as("the passage itself goes on").isTrue();
  }

  @Test
  void passageEndAfterEarlyJudgement_judgesNothingMore() {
    long parked = walk(3, 3, walk(-3, 3, 0, 80) + ms(50), 60);
    stage.onTick(t, parked);
    t.setPresent(Reads.OUT, false);
    t.setPresent(Reads.IN, false);

    stage.onTick(t, parked + 2_000_000);

    assertThat(out).hasSize(1);
    assertThat(stage.holds(t)).isFalse();
  }

  @Test
  void tagStandingInside_neverJudgedEarly() {
    long end = walk(3, 3, 0, 200); // ten seconds inside, no crossover from the outside

    stage.onTick(t, end);

    assertThat(out).isEmpty();
    assertThat(stage.nextTickMicros(t)).as("only the dwell limit is pending").isEqualTo(ms(0) + 30_000_000);
  }

  @Test
  void tagFromInsideReadFirstThroughTheWall_stillJudgedOutOnceSettled() {
    // The outside antennas' round comes first and hears the tag weakly through the wall: that side
    // leads for an instant, until the inside antennas are heard. The crossing that follows goes from
    // the inside (where the tag was) to the outside, and must count as the crossover it is.
    t.setPresent(Reads.OUT, true);
    stage.onRead(Reads.read(t, Reads.OUT, -63, ms(0)));
    long end = walk(3, -3, 25_000, 80); // walk() adds its start to ms(0)
    long parked = walk(-3, -3, end - ms(0) + 50_000, 60); // set down 3 m outside, still heard

    stage.onTick(t, parked);

    assertThat(out).singleElement().satisfies(c -> assertThat(c.direction()).isEqualTo(Direction.OUT));
  }
}
