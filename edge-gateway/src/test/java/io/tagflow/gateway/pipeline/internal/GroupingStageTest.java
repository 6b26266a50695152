package io.tagflow.gateway.pipeline.internal;

import static io.tagflow.gateway.pipeline.internal.Reads.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.pipeline.Direction;
import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.EpcEncoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingStageTest {
  private final ReadPoints rps = Reads.layout();
  private final List<OpenMovement> closed = new ArrayList<>();
  // group gap 1.5 s, quiet gap 3 s, wait 30 s; arbitration hysteresis 3 dB, close at -50 dBm
  private final GroupingStage stage = new GroupingStage(1_500_000, 3_000_000, 30_000_000, 3.0, -50, false,
      new ArbitrationStage(30_000_000, 1_500_000, 3.0, -50, false, (m, now) -> closed.add(m)));

  private TagTrack sscc(int pallet) {
    Epc96 epc = EpcEncoder.sscc96(2, "0614141", String.format("1%09d", pallet));
    return Reads.track(rps, epc);
  }

  private TagTrack sgtin(long serial) {
    return Reads.track(rps, Reads.sgtin(serial));
  }

  /** A pallet's crossings: SSCC at {@code passageMs}, cases spread ±400 ms around it. */
  private void pallet(int pallet, int cases, long passageMs, long decidedMs) {
    stage.accept(Candidates.crossing(sscc(pallet), 0, Direction.IN, -20, ms(passageMs)),
        ms(decidedMs));
    for (int i = 0; i < cases; i++) {
      long p = passageMs - 400 + i * 800L / Math.max(1, cases - 1);
      stage.accept(Candidates.crossing(sgtin(pallet * 100L + i), 0, Direction.IN, -25, ms(p)),
          ms(decidedMs + i * 10L));
    }
  }

  @Test
  void oneSsccAndItsCases_oneMovementAfterQuietGap() {
    pallet(1, 12, 10_000, 13_000);

    stage.afterTick(ms(15_900));
    assertThat(closed).as("quiet gap not over").isEmpty();
    stage.afterTick(ms(16_200));

    assertThat(closed).singleElement().satisfies(m -> {
      assertThat(m.crossings).hasSize(13);
      assertThat(m.pallet.track().isSscc()).isTrue();
      assertThat(m.direction).isEqualTo(Direction.IN);
    });
  }

  @Test
  void twoPalletsInARow_twoMovements() {
    pallet(1, 6, 10_000, 13_000);
    pallet(2, 6, 14_000, 17_000);
    stage.afterTick(ms(30_000));

    assertThat(closed).hasSize(2);
    assertThat(closed).allSatisfy(m -> assertThat(m.crossings).hasSize(7));
    assertThat(closed.get(0).pallet.track()).isNotSameAs(closed.get(1).pallet.track());
  }

  @Test
  void twoPalletsCloseTogether_secondSsccStartsItsOwnMovementAndCasesGoToNearest() {
    // Passages 1.2 s apart: within the group gap, but a movement holds one SSCC.
    pallet(1, 4, 10_000, 13_000);
    pallet(2, 4, 11_200, 13_100);
    stage.afterTick(ms(30_000));

    assertThat(closed).hasSize(2);
    assertThat(closed).extracting(m -> m.crossings.size()).containsExactlyInAnyOrder(5, 5);
  }

  @Test
  void secondSsccJudgedAfterItsCases_takesTheCasesThatPassedNearerToIt() {
    // Pallet 2 passes 1.2 s after pallet 1, but all cases of both are judged before its SSCC.
    TagTrack label1 = sscc(1);
    stage.accept(Candidates.crossing(label1, 0, Direction.IN, -20, ms(10_000)), ms(12_000));
    List<TagTrack> first = new ArrayList<>();
    List<TagTrack> second = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      TagTrack a = sgtin(100 + i);
      TagTrack b = sgtin(200 + i);
      first.add(a);
      second.add(b);
      stage.accept(Candidates.crossing(a, 0, Direction.IN, -25, ms(9_900 + i * 100L)), ms(12_100 + i));
      stage.accept(Candidates.crossing(b, 0, Direction.IN, -25, ms(11_100 + i * 100L)), ms(12_200 + i));
    }
    stage.accept(Candidates.crossing(sscc(2), 0, Direction.IN, -20, ms(11_200)), ms(12_500));
    stage.afterTick(ms(30_000));

    assertThat(closed).hasSize(2);
    OpenMovement one = closed.get(closed.get(0).pallet.track() == label1 ? 0 : 1);
    OpenMovement two = closed.get(closed.get(0) == one ? 1 : 0);
    assertThat(one.crossings).extracting(Crossing::track).containsAll(first).doesNotContainAnyElementsOf(second);
    assertThat(two.crossings).extracting(Crossing::track).containsAll(second).doesNotContainAnyElementsOf(first);
    assertThat(two.pallet).isNotNull();
    assertThat(one.gathered).isEqualTo(5);
  }

  @Test
  void tagThatArrivedWithThePalletStillPassing_holdsTheMovementUntilItLeaves() {
    pallet(1, 6, 10_000, 13_000);
    // One more case of the pallet, first read with the others (at 9 s), still at the door.
    TagTrack lingering = sgtin(199);
    DoorEvidence ev = lingering.doorFor(0);
    ev.active = true;
    ev.originMicros = ms(9_200);
    ev.visitStartMicros = ms(9_200);

    stage.onTick(lingering, ms(20_000));
    stage.afterTick(ms(20_000));
    assertThat(closed).as("held while the case is still passing").isEmpty();

    // It leaves at last: its crossing (first read at 9.2 s) joins, and nothing holds the movement.
    stage.accept(Candidates.crossing(lingering, 0, Direction.IN, -30, ms(10_200)), ms(27_000));
    ev.reset();
    stage.onTick(lingering, ms(30_100));
    stage.afterTick(ms(30_100));

    assertThat(closed).singleElement().satisfies(m -> assertThat(m.crossings).hasSize(8));
  }

  @Test
  void tagDwellingByTheDoor_holdsTheMovementOnlyForTheWait() {
    pallet(1, 6, 10_000, 13_000);
    TagTrack staged = sgtin(299);
    DoorEvidence ev = staged.doorFor(0);
    ev.active = true;
    ev.originMicros = ms(9_500);

    for (long t = 16_000; t < 47_000; t += 1_000) {
      stage.onTick(staged, ms(t));
      stage.afterTick(ms(t));
    }
    assertThat(closed).as("quiet since 17 s: held for 30 s").isEmpty();
    stage.onTick(staged, ms(47_000));
    stage.afterTick(ms(47_000));

    assertThat(closed).singleElement().satisfies(m -> assertThat(m.crossings).hasSize(7));
  }

  @Test
  void ownTagStillPassingAnotherDoor_holdsTheMovementUntilThatPassageEnds() {
    TagTrack t = sgtin(1);
    stage.accept(Candidates.crossing(t, 0, Direction.IN, -30, ms(10_000)), ms(12_000));
    DoorEvidence neighbour = t.doorFor(1);
    neighbour.active = true;
    neighbour.originMicros = ms(9_000);

    stage.onTick(t, ms(16_000));
    stage.afterTick(ms(16_000));
    assertThat(closed).as("the other door has not judged the tag yet").isEmpty();

    neighbour.reset();
    stage.onTick(t, ms(17_000));
    stage.afterTick(ms(17_000));
    assertThat(closed).singleElement();
    stage.onTick(t, ms(17_100));
    assertThat(t.movement).as("forgotten once decided").isNull();
  }

  @Test
  void onePalletFormedAsTwoMovements_aCrossingBridgingThemMergesThem() {
    // Two cases decided early, far apart in passage time (a pallet that stopped in the doorway).
    stage.accept(Candidates.crossing(sgtin(1), 0, Direction.IN, -30, ms(10_000)), ms(13_000));
    stage.accept(Candidates.crossing(sgtin(2), 0, Direction.IN, -30, ms(13_000)), ms(13_100));
    assertThat(stage.openMovements()).isEqualTo(2);
    // The SSCC's passage lies between them, within the group gap of both.
    stage.accept(Candidates.crossing(sscc(1), 0, Direction.IN, -20, ms(11_500)), ms(13_200));

    assertThat(stage.openMovements()).isEqualTo(1);
    stage.afterTick(ms(20_000));
    assertThat(closed).singleElement().satisfies(m -> {
      assertThat(m.crossings).hasSize(3);
      assertThat(m.pallet).isNotNull();
    });
  }

  @Test
  void sameTagTwice_keptOnceWithTheStrongerCrossing() {
    TagTrack t = sgtin(1);
    stage.accept(Candidates.crossing(t, 0, Direction.IN, -35, ms(10_000)), ms(12_000));
    stage.accept(Candidates.crossing(t, 0, Direction.IN, -25, ms(10_500)), ms(13_000));
    stage.afterTick(ms(20_000));

    assertThat(closed).singleElement().satisfies(m -> {
      assertThat(m.crossings).hasSize(1);
      assertThat(m.crossings.get(0).strengthDb()).isEqualTo(-25);
    });
  }

  @Test
  void flush_decidesOpenMovementsAtOnce() {
    pallet(1, 3, 10_000, 13_000);
    stage.flush(ms(13_500));

    assertThat(closed).singleElement().satisfies(m -> assertThat(m.crossings).hasSize(4));
    assertThat(stage.openMovements()).isZero();
  }

  @Test
  void otherDirectionOrDoor_neverJoins() {
    stage.accept(Candidates.crossing(sgtin(1), 0, Direction.IN, -20, ms(10_000)), ms(12_000));
    stage.accept(Candidates.crossing(sgtin(2), 0, Direction.OUT, -20, ms(10_100)), ms(12_000));
    stage.accept(Candidates.crossing(sgtin(3), 1, Direction.IN, -20, ms(10_200)), ms(12_000));
    stage.afterTick(ms(20_000));

    assertThat(closed).hasSize(3);
  }

  /** With early judgement; {@code pallet()} feeds {@link #stage}, so these build their own. */
  private GroupingStage earlyStage() {
    return new GroupingStage(1_500_000, 3_000_000, 30_000_000, 3.0, -50, true,
        new ArbitrationStage(30_000_000, 1_500_000, 3.0, -50, true, (m, now) -> closed.add(m)));
  }

  /** One IN pallet's crossings on {@code g}: first reads 8.6-9.4 s, last one joined at 13.05 s. */
  private void earlyPallet(GroupingStage g) {
    g.accept(Candidates.crossing(sscc(1), 0, Direction.IN, -20, ms(10_000)), ms(13_000));
    for (int i = 0; i < 6; i++) {
      g.accept(Candidates.crossing(sgtin(100L + i), 0, Direction.IN, -25, ms(9_600 + i * 160L)),
          ms(13_000 + i * 10L));
    }
  }

  /** A tag at door 0 since {@code originMs}, leading on the outside at {@code smoothedDbm}. */
  private TagTrack outsideAtDoor(long serial, long originMs, double smoothedDbm) {
    TagTrack t = sgtin(serial);
    DoorEvidence ev = t.doorFor(0);
    ev.active = true;
    ev.originMicros = ms(originMs);
    ev.visitStartMicros = ms(originMs);
    ev.sides[0].reads = 50;
    ev.sides[0].smoothed = smoothedDbm;
    ev.firstLeader = 0;
    ev.leader = 0;
    return t;
  }

  @Test
  void early_palletTagStillAtTheSourceAntennas_holdsTheMovementAtMostTenSeconds() {
    GroupingStage g = earlyStage();
    earlyPallet(g);
    // A case that came with the first ones, standing in the doorway on the outside (not across).
    TagTrack doorway = outsideAtDoor(199, 9_000, -42);

    for (long t = 16_000; t < 27_000; t += 1_000) {
      g.onTick(doorway, ms(t));
      g.afterTick(ms(t));
    }
    assertThat(closed).as("quiet since 17 s: held for 10 s").isEmpty();
    g.onTick(doorway, ms(27_000));
    g.afterTick(ms(27_000));

    assertThat(closed).singleElement().satisfies(m -> assertThat(m.crossings).hasSize(7));
  }

  @Test
  void early_tagAtTheSourceSideThatCameLaterOrReadWeakly_holdsNothing() {
    GroupingStage g = earlyStage();
    earlyPallet(g);
    // Both arrived with the pallet's tags (within the group gap of their first reads), but one came
    // 1.9 s after the first of them (the next pallet, staged by the door) and one is read weakly
    // (deep in a load some metres away).
    TagTrack later = outsideAtDoor(298, 10_500, -42);
    TagTrack weak = outsideAtDoor(299, 9_000, -58);

    g.onTick(later, ms(17_000));
    g.onTick(weak, ms(17_000));
    g.afterTick(ms(17_000));

    assertThat(closed).singleElement().satisfies(m -> assertThat(m.crossings).hasSize(7));
  }
}
