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
  private final List<OpenMovement> emitted = new ArrayList<>();
  // window 30 s, hysteresis 3 dB, close at -50 dBm
  private final ArbitrationStage stage = new ArbitrationStage(30_000_000, 1_500_000, 3.0, -50, false,
      (m, now) -> emitted.add(m));
  private final List<OpenMovement> open = new ArrayList<>();

  static ReadPoints twoDoors() {
    ReadPoints rps = new ReadPoints();
    rps.map("r1", 1, ReadPoint.door("D1", Side.OUTSIDE), Double.NaN);
    rps.map("r1", 2, ReadPoint.door("D1", Side.INSIDE), Double.NaN);
    rps.map("r2", 1, ReadPoint.door("D2", Side.OUTSIDE), Double.NaN);
    rps.map("r2", 2, ReadPoint.door("D2", Side.INSIDE), Double.NaN);
    return rps;
  }

  static List<TagTrack> tags(ReadPoints rps, int first, int n) {
    List<TagTrack> tags = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tags.add(Reads.track(rps, Reads.sgtin(first + i)));
    }
    return tags;
  }

  /**
   * An open movement at {@code door} of these tags; each crossing's weaker side peaked at {@code
   * weakerPeakRssi} (how close the tag came to both sides' antennas).
   */
  private OpenMovement movement(int door, Direction dir, List<TagTrack> tags, double weakerPeakRssi,
                                boolean ready) {
    OpenMovement m = new OpenMovement(door, dir);
    for (TagTrack t : tags) {
      m.add(Candidates.crossing(t, door, dir, -30, ms(10_000), weakerPeakRssi), ms(12_000));
    }
    m.ready = ready;
    m.quietSinceMicros = ms(15_000);
    open.add(m);
    return m;
  }

  @Test
  void neighbourDoorHearsMostOfThePallet_onlyTheCrossedDoorMoves() {
    List<TagTrack> pallet = tags(rps, 1, 10);
    OpenMovement crossed = movement(D1, Direction.IN, pallet, -45, true);
    movement(D2, Direction.IN, pallet.subList(0, 6), -55, true);

    assertThat(stage.decide(open, ms(16_000), false)).isEqualTo(2);

    assertThat(emitted).containsExactly(crossed);
    assertThat(crossed.crossings).hasSize(10);
    assertThat(crossed.overruledDoor).isEqualTo(D2);
    assertThat(crossed.overruledTags).isEqualTo(6);
    assertThat(crossed.overruledMarginDb).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(stage.overruled()).isEqualTo(1);
    assertThat(open).isEmpty();
  }

  @Test
  void twoPalletsAtAdjacentDoors_crossReadTagsGoToTheirOwnDoorAndBothMove() {
    List<TagTrack> a = tags(rps, 1, 10);
    List<TagTrack> b = tags(rps, 100, 10);
    OpenMovement atD1 = movement(D1, Direction.IN, a, -45, true);
    List<TagTrack> heardAtD2 = new ArrayList<>(b);
    heardAtD2.addAll(a.subList(0, 4));
    OpenMovement atD2 = movement(D2, Direction.IN, heardAtD2, -45, true);
    // At D2, a's four tags stayed far from one side: the larger movement loses them all the same.
    for (int i = 10; i < 14; i++) {
      Crossing c = atD2.crossings.get(i);
      atD2.crossings.set(i, Candidates.crossing(c.track(), D2, Direction.IN, -30, ms(10_000), -60));
    }

    stage.decide(open, ms(16_000), false);

    assertThat(emitted).containsExactlyInAnyOrder(atD1, atD2);
    assertThat(atD1.crossings).hasSize(10);
    assertThat(atD2.crossings).extracting(Crossing::track).containsExactlyElementsOf(b);
  }

  @Test
  void sharedTagsNearlyEqual_hysteresisKeepsThemWithTheLargerPassage() {
    List<TagTrack> pallet = tags(rps, 1, 10);
    OpenMovement larger = movement(D1, Direction.IN, pallet, -50, true);
    OpenMovement smaller = movement(D2, Direction.IN, pallet.subList(0, 8), -48, true);

    stage.decide(open, ms(16_000), false);

    assertThat(emitted).containsExactly(larger);
    assertThat(smaller.crossings).isEmpty();
  }

  @Test
  void linkedMovementNotReady_clusterWaitsThenDecidesTogether() {
    List<TagTrack> pallet = tags(rps, 1, 10);
    OpenMovement crossed = movement(D1, Direction.IN, pallet, -45, true);
    OpenMovement shadow = movement(D2, Direction.IN, pallet.subList(0, 6), -55, false);

    assertThat(stage.decide(open, ms(16_000), false)).isZero();
    assertThat(emitted).isEmpty();
    shadow.ready = true;
    stage.decide(open, ms(17_000), false);

    assertThat(emitted).containsExactly(crossed);
  }

  @Test
  void linkedMovementNeverReady_readyOnesDecidedAfterTwiceTheWindow() {
    List<TagTrack> pallet = tags(rps, 1, 10);
    OpenMovement crossed = movement(D1, Direction.IN, pallet, -45, true);
    OpenMovement shadow = movement(D2, Direction.IN, pallet.subList(0, 6), -55, false);

    stage.decide(open, ms(74_000), false);
    assertThat(emitted).isEmpty();
    stage.decide(open, ms(75_000), false);

    assertThat(emitted).containsExactly(crossed);
    assertThat(open).containsExactly(shadow);
  }

  @Test
  void readyShadowOfAStrongerPassageNotReady_losesTheSharedTagsInsteadOfTakingThem() {
    List<TagTrack> pallet = tags(rps, 1, 10);
    OpenMovement shadow = movement(D2, Direction.IN, pallet.subList(0, 6), -55, true);
    OpenMovement crossed = movement(D1, Direction.IN, pallet, -45, false);

    stage.decide(open, ms(75_000), false);

    assertThat(emitted).isEmpty();
    assertThat(stage.overruled()).isEqualTo(1);
    assertThat(open).containsExactly(crossed);
    assertThat(crossed.crossings).hasSize(10);
    crossed.ready = true;
    stage.decide(open, ms(76_000), false);
    assertThat(emitted).containsExactly(crossed);
  }

  @Test
  void tagCameClearlyCloserToAnotherDoorsBothSides_leftOutOfTheMovement() {
    List<TagTrack> pallet = tags(rps, 1, 4);
    OpenMovement m = movement(D2, Direction.IN, pallet, -48, true);
    // The first tag's passage at D1, overlapping its crossing at D2 (read 9-11 s), came 8 dB closer
    // to both sides there; D1 did not judge it crossing. The second's came only 2 dB closer.
    DoorEvidence closer = pallet.get(0).doorFor(D1);
    closer.lastPassageWeakerPeak = -40;
    closer.lastPassageFirstReadMicros = ms(8_000);
    closer.lastPassageLastReadMicros = ms(10_500);
    DoorEvidence similar = pallet.get(1).doorFor(D1);
    similar.lastPassageWeakerPeak = -46;
    similar.lastPassageFirstReadMicros = ms(8_000);
    similar.lastPassageLastReadMicros = ms(10_500);

    stage.decide(open, ms(16_000), false);

    assertThat(emitted).containsExactly(m);
    assertThat(m.crossings).extracting(Crossing::track).containsExactlyElementsOf(pallet.subList(1, 4));
  }

  @Test
  void casesPartedFromTheirSsccBySsccRule_rejoinTheirPalletAfterArbitration() {
    TagTrack sscc1 = sscc(1);
    TagTrack sscc2 = sscc(2);
    List<TagTrack> cases = tags(rps, 1, 7);
    List<TagTrack> others = tags(rps, 100, 5);
    List<TagTrack> p = new ArrayList<>(List.of(sscc1));
    p.addAll(cases.subList(0, 3));
    OpenMovement pallet = movement(D1, Direction.IN, p, -45, true);
    OpenMovement orphan = movement(D1, Direction.IN, cases.subList(3, 7), -45, true);
    // D2: another pallet, plus two of the first pallet's cases heard from afar.
    List<TagTrack> x = new ArrayList<>(List.of(sscc2));
    x.addAll(others);
    x.add(cases.get(0));
    x.add(cases.get(3));
    OpenMovement neighbour = movement(D2, Direction.IN, x, -45, true);
    neighbour.crossings.set(6, Candidates.crossing(cases.get(0), D2, Direction.IN, -30, ms(10_000), -65));
    neighbour.crossings.set(7, Candidates.crossing(cases.get(3), D2, Direction.IN, -30, ms(10_000), -65));

    stage.decide(open, ms(16_000), false);

    assertThat(emitted).containsExactlyInAnyOrder(pallet, neighbour);
    assertThat(pallet.crossings).hasSize(8);
    assertThat(neighbour.crossings).hasSize(6);
    assertThat(orphan.crossings).isEmpty();
    assertThat(stage.overruled()).isZero();
  }

  private TagTrack sscc(int pallet) {
    return Reads.track(rps, io.tagflow.protocol.epc.EpcEncoder.sscc96(2, "0614141",
        String.format("1%09d", pallet)));
  }

  @Test
  void noTagCloseToBothSides_notEmitted() {
    OpenMovement far = new OpenMovement(D1, Direction.OUT);
    far.add(Candidates.crossing(tags(rps, 1, 1).get(0), D1, Direction.OUT, -45, ms(10_000), -61),
        ms(12_000));
    far.ready = true;
    far.quietSinceMicros = ms(15_000);
    open.add(far);

    stage.decide(open, ms(16_000), false);

    assertThat(emitted).isEmpty();
    assertThat(stage.farOnly()).isEqualTo(1);
    assertThat(open).isEmpty();
  }

  @Test
  void flush_decidesEvenWhatIsNotReady() {
    OpenMovement m = movement(D1, Direction.IN, tags(rps, 1, 3), -45, false);

    stage.decide(open, ms(12_500), true);

    assertThat(emitted).containsExactly(m);
  }

  @Test
  void neighbourJudgesThePalletAfterItsMovementWasEmitted_theLateShadowIsDropped() {
    List<TagTrack> pallet = tags(rps, 1, 10);
    OpenMovement crossed = movement(D1, Direction.IN, pallet, -45, true);
    assertThat(stage.decide(open, ms(16_000), false)).isEqualTo(1);
    assertThat(emitted).containsExactly(crossed);

    // D2 kept hearing the pallet (staged between both doors) and judged 8 of its tags later, same
    // passage (read intervals overlap): not a second crossing.
    movement(D2, Direction.IN, pallet.subList(0, 8), -44, true);
    assertThat(stage.decide(open, ms(40_000), false)).isEqualTo(1);

    assertThat(emitted).containsExactly(crossed);
    assertThat(stage.overruled()).isEqualTo(1);
  }

  @Test
  void sameTagsLaterInAPassageThatDoesNotOverlap_moveAgain() {
    List<TagTrack> pallet = tags(rps, 1, 10);
    OpenMovement in = movement(D1, Direction.IN, pallet, -45, true);
    stage.decide(open, ms(16_000), false);

    OpenMovement out = new OpenMovement(D2, Direction.OUT);
    for (TagTrack t : pallet) {
      out.add(Candidates.crossing(t, D2, Direction.OUT, -30, ms(600_000), -45), ms(602_000));
    }
    out.ready = true;
    out.quietSinceMicros = ms(605_000);
    open.add(out);
    stage.decide(open, ms(606_000), false);

    assertThat(emitted).containsExactly(in, out);
    assertThat(out.crossings).hasSize(10);
  }
}
