package io.tagflow.gateway.pipeline.internal;

import static io.tagflow.gateway.pipeline.internal.Reads.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.pipeline.Direction;
import io.tagflow.gateway.pipeline.ReadPoint;
import io.tagflow.gateway.pipeline.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArbitrationStageTest {
  private static final int D1 = 0;
  private static final int D2 = 1;
  private final ReadPoints rps = twoDoors();
  private final List<Crossing> crossings = new ArrayList<>();
  private final List<Crossing> staged = new ArrayList<>();
  private final ArbitrationStage stage = new ArbitrationStage(2_000_000, 3.0,
      (c, now) -> crossings.add(c), (c, now) -> staged.add(c));
  private final TagTrack t = Reads.track(rps, Reads.sgtin(1));

  private static ReadPoints twoDoors() {
    ReadPoints rps = new ReadPoints();
    rps.map("r1", 1, ReadPoint.door("D1", Side.OUTSIDE), Double.NaN);
    rps.map("r1", 2, ReadPoint.door("D1", Side.INSIDE), Double.NaN);
    rps.map("r2", 1, ReadPoint.door("D2", Side.OUTSIDE), Double.NaN);
    rps.map("r2", 2, ReadPoint.door("D2", Side.INSIDE), Double.NaN);
    return rps;
  }

  @Test
  void adjacentDoorHearsTag_strongerDoorWinsAfterWindow() {
    // The crossing at D1 is decided first; D2 heard the same tag weakly and staged it.
    stage.offer(Candidates.crossing(t, D1, Direction.IN, -20, ms(0)), ms(100));
    stage.offer(Candidates.staged(t, D2, -32, ms(0)), ms(400));

    stage.afterTick(ms(2_000));
    assertThat(crossings).as("held for the 2 s window").isEmpty();
    stage.afterTick(ms(2_100));

    assertThat(crossings).singleElement().satisfies(c -> {
      assertThat(c.door()).isEqualTo(D1);
      assertThat(c.overruledDoor()).isEqualTo(D2);
      assertThat(c.overruledMarginDb()).isEqualTo(12.0);
    });
    assertThat(staged).isEmpty();
    assertThat(stage.overruled()).isEqualTo(1);
  }

  @Test
  void adjacentDoorDecidedFirstButWeaker_loses() {
    stage.offer(Candidates.crossing(t, D2, Direction.IN, -30, ms(0)), ms(0));
    stage.offer(Candidates.crossing(t, D1, Direction.IN, -22, ms(0)), ms(500));
    stage.afterTick(ms(2_000));

    assertThat(crossings).extracting(Crossing::door).containsExactly(D1);
  }

  @Test
  void nearlyEqualEvidence_hysteresisKeepsTheFirstDoor() {
    stage.offer(Candidates.crossing(t, D1, Direction.IN, -25, ms(0)), ms(0));
    stage.offer(Candidates.crossing(t, D2, Direction.IN, -23, ms(0)), ms(300));
    stage.afterTick(ms(2_000));

    assertThat(crossings).extracting(Crossing::door).containsExactly(D1);
  }

  @Test
  void nearlyEqualEvidence_hysteresisFavoursTheDoorTheTagLastUsed() {
    t.lastDoor = D2;
    stage.offer(Candidates.crossing(t, D1, Direction.OUT, -23, ms(0)), ms(0));
    stage.offer(Candidates.crossing(t, D2, Direction.OUT, -25, ms(0)), ms(300));
    stage.afterTick(ms(2_000));

    assertThat(crossings).extracting(Crossing::door).containsExactly(D2);
  }

  @Test
  void singleDoor_releasedUnchangedAndRemembered() {
    stage.offer(Candidates.crossing(t, D1, Direction.IN, -20, ms(0)), ms(0));
    assertThat(stage.holds(t)).isTrue();

    stage.afterTick(ms(2_000));

    assertThat(crossings).singleElement().satisfies(c -> assertThat(c.overruledDoor()).isEqualTo(-1));
    assertThat(t.lastDoor).isEqualTo(D1);
    assertThat(stage.holds(t)).isFalse();
  }
}
