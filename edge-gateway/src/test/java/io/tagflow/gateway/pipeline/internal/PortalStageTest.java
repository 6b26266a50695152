package io.tagflow.gateway.pipeline.internal;

import static io.tagflow.gateway.pipeline.internal.Reads.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.pipeline.Direction;
import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.gateway.pipeline.Side;
import io.tagflow.gateway.pipeline.StagedDecision.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortalStageTest {
  private final ReadPoints rps = Reads.layout();
  private final List<Crossing> out = new ArrayList<>();
  private final PortalStage stage = stage(rps, out, 0);
  private final TagTrack t = Reads.track(rps, Reads.sgtin(1));

  /** A portal stage with the default settings (dwell limit 30 s) and this crossing settle time. */
  static PortalStage stage(ReadPoints rps, List<Crossing> out, long settleMicros) {
    FilterSettings s = FilterSettings.defaults();
    return new PortalStage(rps,
        new PassageJudge(s.presenceRssiDbm(), s.minSideReads(), 150_000, s.minSeparation(),
            s.minConfidence()),
        (c, now) -> out.add(c), s.presenceRssiDbm(), s.hysteresisDb(), 500_000,
        s.hysteresisDecayDbPerSecond(), 250_000, 30_000_000, settleMicros);
  }

  /** RSSI at an antenna 1 m either side of the door for a tag at x (m), with a back-lobe loss. */
  static double rssi(double x, double antennaX) {
    double d = Math.sqrt((x - antennaX) * (x - antennaX) + 1);
    return -40 - 20 * Math.log10(d) - (Math.signum(x) != Math.signum(antennaX) ? 12 : 0);
  }

  /** A tag walked from x0 to x1 over 4 s; both sides read every 50 ms; returns the end time. */
  private long walk(double x0, double x1) {
    t.setPresent(Reads.OUT, true);
    t.setPresent(Reads.IN, true);
    long end = 0;
    for (int i = 0; i <= 80; i++) {
      long at = ms(i * 50L);
      double x = x0 + (x1 - x0) * i / 80.0;
      int rp = i % 2 == 0 ? Reads.OUT : Reads.IN;
      stage.onRead(Reads.read(t, rp, Math.round(rssi(x, rp == Reads.OUT ? -1 : 1)), at));
      end = at;
    }
    return end;
  }

  private void leave(long at) {
    t.setPresent(Reads.OUT, false);
    t.setPresent(Reads.IN, false);
    stage.onTick(t, at);
  }

  @Test
  void cleanInCrossing_decidedInWithHighConfidence() {
    long end = walk(-3, 3);
    stage.onTick(t, end);
    assertThat(out).as("no decision while the tag is still present").isEmpty();

    leave(end + 2_000_000);

    assertThat(out).singleElement().satisfies(c -> {
      assertThat(c.direction()).isEqualTo(Direction.IN);
      assertThat(c.side()).isEqualTo(Side.INSIDE);
      assertThat(c.transitionAgrees()).isTrue();
      assertThat(c.confidence()).isGreaterThanOrEqualTo(0.9);
      assertThat(c.gapMillis()).isPositive();
      assertThat(c.trendDb()).isPositive();
    });
    assertThat(stage.holds(t)).isFalse();
  }

  @Test
  void cleanOutCrossing_decidedOut() {
    leave(walk(3, -3) + 2_000_000);

    assertThat(out).singleElement().satisfies(c -> {
      assertThat(c.direction()).isEqualTo(Direction.OUT);
      assertThat(c.gapMillis()).isNegative();
    });
  }

  @Test
  void palletOnOneSideOnly_stagedOneSideNotCrossed() {
    t.setPresent(Reads.OUT, true);
    for (int i = 0; i < 40; i++) {
      stage.onRead(Reads.read(t, Reads.OUT, -48 - (i % 3), ms(i * 100L)));
    }

    leave(ms(6_000));

    assertThat(out).singleElement().satisfies(c -> {
      assertThat(c.isCrossing()).isFalse();
      assertThat(c.reason()).isEqualTo(Reason.ONE_SIDE);
      assertThat(c.side()).isEqualTo(Side.OUTSIDE);
    });
  }

  @Test
  void tagStandingBetweenAntennas_stagedAmbiguousAfterDwell() {
    t.setPresent(Reads.OUT, true);
    t.setPresent(Reads.IN, true);
    for (int i = 0; i < 400; i++) {
      int rp = i % 2 == 0 ? Reads.OUT : Reads.IN;
      stage.onRead(Reads.read(t, rp, -50 - (i * 7 % 5), ms(i * 100L)));
      stage.onTick(t, ms(i * 100L));
    }
    assertThat(out).as("dwell limit 30 s").singleElement()
        .satisfies(c -> assertThat(c.reason()).isEqualTo(Reason.DWELL));

    leave(ms(42_000));

    assertThat(out).hasSize(2);
    assertThat(out.get(1).reason()).isEqualTo(Reason.AMBIGUOUS);
  }

  @Test
  void strayWeakReads_noDecisionAtAll() {
    t.setPresent(Reads.IN, true);
    stage.onRead(Reads.read(t, Reads.IN, -72, ms(0)));
    stage.onRead(Reads.read(t, Reads.IN, -74, ms(300)));

    leave(ms(3_000));

    assertThat(out).isEmpty();
  }
}
