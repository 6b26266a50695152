package io.tagflow.gateway.pipeline.internal;

import static io.tagflow.gateway.pipeline.internal.Reads.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.pipeline.Direction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Arbitration's rules with early judgement ({@code crossingSettle} above zero). */
class ArbitrationStageEarlyTest {
  private static final int D1 = 0;
  private static final int D2 = 1;
  private final ReadPoints rps = ArbitrationStageTest.twoDoors();
  private final List<OpenMovement> emitted = new ArrayList<>();
  // window 30 s, group gap 1.5 s, hysteresis 3 dB, close at -50 dBm, early judgement
  private final ArbitrationStage stage = new ArbitrationStage(30_000_000, 1_500_000, 3.0, -50, true,
      (m, now) -> emitted.add(m));
  private final List<OpenMovement> open = new ArrayList<>();

  private OpenMovement movement(int door, List<TagTrack> tags, double weakerPeakRssi, long atMs,
                                boolean ready) {
    OpenMovement m = new OpenMovement(door, Direction.IN);
    for (TagTrack t : tags) {
      m.add(Candidates.crossing(t, door, Direction.IN, -30, ms(atMs), weakerPeakRssi), ms(atMs + 2_000));
    }
    m.ready = ready;
    m.quietSinceMicros = ms(atMs + 5_000);
    open.add(m);
    return m;
  }

  @Test
  void readyMovementClearlyBeatsAnUnreadyNeighbour_decidedWithoutWaiting() {
    List<TagTrack> pallet = ArbitrationStageTest.tags(rps, 1, 10);
    OpenMovement crossed = movement(D1, pallet, -40, 10_000, true);
    OpenMovement neighbour = movement(D2, pallet.subList(0, 6), -55, 10_000, false);

    assertThat(stage.decide(open, ms(16_000), false)).isEqualTo(1);

    assertThat(emitted).containsExactly(crossed);
    assertThat(open).containsExactly(neighbour);
  }

  @Test
  void readyMovementNotClearlyStronger_waitsForTheUnreadyOne() {
    List<TagTrack> pallet = ArbitrationStageTest.tags(rps, 1, 10);
    movement(D1, pallet, -45, 10_000, true);
    movement(D2, pallet.subList(0, 6), -46, 10_000, false);

    assertThat(stage.decide(open, ms(16_000), false)).isZero();

    assertThat(emitted).isEmpty();
  }

  @Test
  void latePartOfAnEmittedMovement_dropped() {
    List<TagTrack> pallet = ArbitrationStageTest.tags(rps, 1, 10);
    OpenMovement first = movement(D1, pallet.subList(0, 8), -40, 10_000, true);
    stage.decide(open, ms(16_000), false);
    movement(D1, pallet.subList(8, 10), -40, 10_500, true);

    stage.decide(open, ms(40_000), false);

    assertThat(emitted).containsExactly(first);
    assertThat(stage.remnants()).isEqualTo(1);
  }
}
