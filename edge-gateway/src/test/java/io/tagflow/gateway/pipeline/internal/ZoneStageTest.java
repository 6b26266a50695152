package io.tagflow.gateway.pipeline.internal;

import static io.tagflow.gateway.pipeline.internal.Reads.ms;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneStageTest {
  private record Change(int bin, int from, double confidence, long at) {
  }

  private final ReadPoints rps = Reads.layout();
  private final List<Change> changes = new ArrayList<>();
  // margin 4 dB, hold-off 5 s, smoothing 2 s
  private final ZoneStage stage = new ZoneStage(rps, 4.0, 5_000_000, 2_000_000,
      (t, bin, from, conf, now) -> changes.add(new Change(bin, from, conf, now)));
  private final TagTrack t = Reads.track(rps, Reads.sgtin(1));
  private final int zoneA = rps.zone(Reads.ZONE_A);
  private final int zoneB = rps.zone(Reads.ZONE_B);

  /** Reads at both zones every 200 ms from {@code fromMs} to {@code toMs}, ticking as it goes. */
  private void run(long fromMs, long toMs, double rssiA, double rssiB) {
    for (long at = fromMs; at < toMs; at += 200) {
      if (!Double.isNaN(rssiA)) {
        t.setPresent(Reads.ZONE_A, true);
        stage.onRead(Reads.read(t, Reads.ZONE_A, rssiA, ms(at)));
      }
      if (!Double.isNaN(rssiB)) {
        t.setPresent(Reads.ZONE_B, true);
        stage.onRead(Reads.read(t, Reads.ZONE_B, rssiB, ms(at)));
      }
      stage.onTick(t, ms(at));
    }
  }

  @Test
  void firstPlacement_afterHoldOff() {
    run(0, 4_900, -50, Double.NaN);
    assertThat(changes).as("hold-off not over").isEmpty();

    run(4_900, 5_200, -50, Double.NaN);

    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.bin()).isEqualTo(zoneA);
      assertThat(c.from()).isEqualTo(-1);
      assertThat(c.confidence()).isEqualTo(1.0);
      assertThat(c.at()).as("first tick at or after 5 s").isEqualTo(ms(5_100));
    });
  }

  @Test
  void zoneChange_onlyPastMarginAndHoldOff() {
    run(0, 6_000, -50, -62);
    assertThat(changes).extracting(Change::bin).containsExactly(zoneA);

    // B now 2 dB stronger than A: below the 4 dB margin, so nothing changes however long it lasts.
    run(6_000, 20_000, -52, -50);
    assertThat(changes).hasSize(1);

    // B 10 dB stronger: the change waits for the 5 s hold-off (plus the smoothing catching up).
    run(20_000, 24_000, -60, -50);
    assertThat(changes).hasSize(1);
    run(24_000, 30_000, -60, -50);

    assertThat(changes).hasSize(2);
    Change moved = changes.get(1);
    assertThat(moved.bin()).isEqualTo(zoneB);
    assertThat(moved.from()).isEqualTo(zoneA);
    assertThat(moved.at()).isBetween(ms(25_000), ms(27_000));
    assertThat(moved.confidence()).isBetween(0.85, 0.95); // about 10 dB lead: 1/(1+10^-1) = 0.91
  }

  @Test
  void briefFlicker_shorterThanHoldOff_doesNotMoveTheTag() {
    run(0, 6_000, -50, -65);
    run(6_000, 8_000, -65, -48);
    run(8_000, 20_000, -50, -65);

    assertThat(changes).extracting(Change::bin).containsExactly(zoneA);
  }
}
