package io.tagflow.gateway.pipeline.internal;

import static io.tagflow.gateway.pipeline.internal.Reads.ms;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmoothingStageTest {
  private final ReadPoints rps = Reads.layout();
  // 2 reads within 1 s arrive; -50 dBm arrives at once; 2 s without reads departs.
  private final SmoothingStage stage = new SmoothingStage(2, 1_000_000, -50, 2_000_000);
  private final TagTrack t = Reads.track(rps, Reads.sgtin(1));

  @Test
  void arrival_needsTwoReadsInWindow() {
    assertThat(stage.onRead(Reads.read(t, Reads.OUT, -70, ms(0)))).isFalse();
    assertThat(t.present(Reads.OUT)).isFalse();

    assertThat(stage.onRead(Reads.read(t, Reads.OUT, -70, ms(400)))).isTrue();
    assertThat(t.present(Reads.OUT)).isTrue();
    assertThat(stage.arrivals()).isEqualTo(1);
  }

  @Test
  void arrival_isolatedReadsFurtherApartThanWindow_neverArrive() {
    for (int i = 0; i < 5; i++) {
      assertThat(stage.onRead(Reads.read(t, Reads.OUT, -70, ms(i * 1500L)))).isFalse();
    }
    assertThat(t.present(Reads.OUT)).isFalse();
  }

  @Test
  void arrival_oneStrongRead_arrivesAtOnce() {
    assertThat(stage.onRead(Reads.read(t, Reads.IN, -45, ms(0)))).isTrue();
    assertThat(t.present(Reads.IN)).isTrue();
    assertThat(t.present(Reads.OUT)).isFalse();
  }

  @Test
  void missedReads_shorterThanAbsence_keepPresence() {
    stage.onRead(Reads.read(t, Reads.OUT, -45, ms(0)));
    // Reads at 0, 1.9 s and 3.7 s: gaps of 1.9 s and 1.8 s, each shorter than the 2 s timeout.
    stage.onTick(t, ms(1_900));
    stage.onRead(Reads.read(t, Reads.OUT, -70, ms(1_900)));
    stage.onTick(t, ms(3_700));
    stage.onRead(Reads.read(t, Reads.OUT, -70, ms(3_700)));
    stage.onTick(t, ms(5_600));

    assertThat(t.present(Reads.OUT)).isTrue();
    assertThat(stage.departures()).isZero();
  }

  @Test
  void departure_afterAbsenceTimeout_andReArrivalNeedsFreshReads() {
    stage.onRead(Reads.read(t, Reads.OUT, -70, ms(0)));
    stage.onRead(Reads.read(t, Reads.OUT, -70, ms(100)));
    stage.onTick(t, ms(2_100));
    assertThat(t.present(Reads.OUT)).as("exactly at the timeout").isTrue();

    stage.onTick(t, ms(2_101));

    assertThat(t.present(Reads.OUT)).isFalse();
    assertThat(stage.departures()).isEqualTo(1);
    assertThat(stage.holds(t)).isFalse();
    assertThat(stage.onRead(Reads.read(t, Reads.OUT, -70, ms(2_200)))).as("one read is not enough")
        .isFalse();
  }
}
