package io.tagflow.sim.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tagflow.protocol.event.Direction;
import io.tagflow.sim.score.ScoreReport.Kind;
import io.tagflow.sim.truth.BinPlacement;
import io.tagflow.sim.truth.DoorCrossing;
import io.tagflow.sim.truth.GroundTruth;
import io.tagflow.sim.truth.TruthEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorerTest {
  static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
  static final Scorer SCORER = new Scorer(Duration.ofSeconds(10));

  /** Four crossings (P1 D1 IN, P2 D1 IN, P3 D2 OUT, P4 D2 IN) and two placements (P1 in B1, P2 in B2). */
  static GroundTruth truth() {
    List<TruthEvent> events = new ArrayList<>();
    events.add(crossing("P1", 1, "D1", Direction.IN, 10));
    events.add(crossing("P2", 2, "D1", Direction.IN, 70));
    events.add(crossing("P3", 3, "D2", Direction.OUT, 130));
    events.add(crossing("P4", 4, "D2", Direction.IN, 190));
    events.add(new BinPlacement(T0.plusSeconds(40), 40_000_000L, "P1", sscc(1), List.of("LOT-A"), "B1", epcs(1)));
    events.add(new BinPlacement(T0.plusSeconds(100), 100_000_000L, "P2", sscc(2), List.of("LOT-A"), "B2", epcs(2)));
    return new GroundTruth(events);
  }

  /** One event per crossing, reads from 2 s before to 2 s after, decided 1, 2, 3 and 4 s after. */
  static List<ObservedMovement> perfectMovements() {
    List<ObservedMovement> out = new ArrayList<>();
    for (DoorCrossing c : truth().crossings()) {
      int n = Integer.parseInt(c.pallet().substring(1));
      out.add(movement("m" + n, c.door(), c.direction(), c.at(), n, null, c.epcs()));
    }
    return out;
  }

  static List<ObservedLocation> perfectLocations() {
    List<ObservedLocation> out = new ArrayList<>();
    for (String epc : epcs(1)) {
      out.add(new ObservedLocation("l1-" + epc, epc, "B1", T0.plusSeconds(45)));
    }
    for (String epc : epcs(2)) {
      out.add(new ObservedLocation("l2-" + epc, epc, "B2", T0.plusSeconds(105)));
    }
    return out;
  }

  @Test
  void score_perfectEvents_allFiguresPerfect() {
    ScoreReport r = SCORER.score(truth(), new ObservedEvents(perfectMovements(), perfectLocations(), 0));
    assertThat(r.trueCrossings()).isEqualTo(4);
    assertThat(r.movementEvents()).isEqualTo(4);
    assertThat(r.precision()).isEqualTo(1.0);
    assertThat(r.recall()).isEqualTo(1.0);
    assertThat(r.directionAccuracy()).isEqualTo(1.0);
    assertThat(r.doorAccuracy()).isEqualTo(1.0);
    assertThat(r.placements()).isEqualTo(2);
    assertThat(r.binAccuracy()).isEqualTo(1.0);
    // Latencies 1, 2, 3, 4 s: nearest rank p50 is the 2nd, p99 the 4th.
    assertThat(r.latencyP50()).isEqualTo(Duration.ofSeconds(2));
    assertThat(r.latencyP99()).isEqualTo(Duration.ofSeconds(4));
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void score_oneMiss_recallThreeQuartersAndMissListed() {
    List<ObservedMovement> m = perfectMovements();
    m.remove(2);
    ScoreReport r = SCORER.score(truth(), new ObservedEvents(m, perfectLocations(), 0));
    assertThat(r.recall()).isEqualTo(0.75);
    assertThat(r.precision()).isEqualTo(1.0);
    assertThat(r.findings(Kind.MISSED)).singleElement()
        .satisfies(f -> assertThat(f.pallet()).isEqualTo("P3"))
        .satisfies(f -> assertThat(f.detail()).contains("D2 OUT"));
    assertThat(r.latencyP50()).isEqualTo(Duration.ofSeconds(2));
    assertThat(r.latencyP99()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void score_oneFalseEvent_precisionFourFifths() {
    List<ObservedMovement> m = perfectMovements();
    // P2's tags seen again at 300 s: P2 is in its bin by then, so no crossing is near.
    m.add(movement("ghost", "D1", Direction.OUT, T0.plusSeconds(300), 1, null, epcs(2).subList(0, 3)));
    ScoreReport r = SCORER.score(truth(), new ObservedEvents(m, perfectLocations(), 0));
    assertThat(r.precision()).isEqualTo(0.8);
    assertThat(r.recall()).isEqualTo(1.0);
    assertThat(r.findings(Kind.FALSE)).singleElement()
        .satisfies(f -> assertThat(f.pallet()).isEqualTo("P2"))
        .satisfies(f -> assertThat(f.detail()).contains("ghost"));
  }

  @Test
  void score_duplicateEventOfOneCrossing_falseAndNamedDuplicate() {
    List<ObservedMovement> m = perfectMovements();
    m.add(movement("dup", "D1", Direction.IN, truth().crossings().get(0).at().plusSeconds(1), 2, null, epcs(1)));
    ScoreReport r = SCORER.score(truth(), new ObservedEvents(m, perfectLocations(), 0));
    assertThat(r.precision()).isEqualTo(0.8);
    assertThat(r.recall()).isEqualTo(1.0);
    assertThat(r.findings(Kind.FALSE)).singleElement()
        .satisfies(f -> assertThat(f.detail()).contains("duplicate: P1's crossing of D1").contains("event m1"));
  }

  @Test
  void score_unregisteredTagsOnly_falseEventWithoutPallet() {
    List<ObservedMovement> m = perfectMovements();
    m.add(movement("stray", "D1", Direction.IN, T0.plusSeconds(10), 1, null, List.of("E2801160600002084C5B3A11")));
    ScoreReport r = SCORER.score(truth(), new ObservedEvents(m, List.of(), 0));
    assertThat(r.precision()).isEqualTo(0.8);
    assertThat(r.findings(Kind.FALSE)).singleElement()
        .satisfies(f -> assertThat(f.pallet()).isEqualTo("(unregistered)"));
  }

  @Test
  void score_wrongDirection_directionAccuracyThreeQuartersButStillMatched() {
    List<ObservedMovement> m = perfectMovements();
    ObservedMovement p4 = m.get(3);
    m.set(3, movement("m4", "D2", Direction.OUT, truth().crossings().get(3).at(), 4, null, p4.epcs()));
    ScoreReport r = SCORER.score(truth(), new ObservedEvents(m, perfectLocations(), 0));
    assertThat(r.precision()).isEqualTo(1.0);
    assertThat(r.recall()).isEqualTo(1.0);
    assertThat(r.directionAccuracy()).isEqualTo(0.75);
    assertThat(r.doorAccuracy()).isEqualTo(1.0);
    assertThat(r.findings(Kind.WRONG_DIRECTION)).singleElement()
        .satisfies(f -> assertThat(f.pallet()).isEqualTo("P4"));
  }

  @Test
  void score_wrongDoor_matchedDoorAgnosticAndDoorAccuracyThreeQuarters() {
    List<ObservedMovement> m = perfectMovements();
    m.set(0, movement("m1", "D2", Direction.IN, truth().crossings().get(0).at(), 1, sscc(1), List.of(epcs(1).get(0))));
    ScoreReport r = SCORER.score(truth(), new ObservedEvents(m, perfectLocations(), 0));
    assertThat(r.recall()).isEqualTo(1.0);
    assertThat(r.doorAccuracy()).isEqualTo(0.75);
    assertThat(r.directionAccuracy()).isEqualTo(1.0);
    assertThat(r.findings(Kind.WRONG_DOOR)).singleElement()
        .satisfies(f -> assertThat(f.detail()).contains("says door D2, truth D1"));
  }

  @Test
  void score_wrongBinAndMissingLocation_binAccuracyAndFindings() {
    List<ObservedLocation> l = new ArrayList<>();
    for (String epc : epcs(1)) {
      l.add(new ObservedLocation("l-" + epc, epc, "B9", T0.plusSeconds(45)));
    }
    ScoreReport r = SCORER.score(truth(), new ObservedEvents(perfectMovements(), l, 0));
    assertThat(r.binAccuracy()).isEqualTo(0.0);
    assertThat(r.findings(Kind.WRONG_BIN)).singleElement().satisfies(f -> assertThat(f.pallet()).isEqualTo("P1"));
    assertThat(r.findings(Kind.NO_LOCATION)).singleElement().satisfies(f -> assertThat(f.pallet()).isEqualTo("P2"));
  }

  @Test
  void score_eventOutsideWindow_notMatched() {
    List<ObservedMovement> m = perfectMovements();
    // Reads 20..24 s after P1's crossing: 18 s after the window's start, outside ±10 s.
    m.set(0, movement("late", "D1", Direction.IN, truth().crossings().get(0).at().plusSeconds(22), 1, null, epcs(1)));
    ScoreReport r = SCORER.score(truth(), new ObservedEvents(m, List.of(), 0));
    assertThat(r.recall()).isCloseTo(0.75, within(1e-12));
    assertThat(r.precision()).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void toTable_listsEveryFigure() {
    String table = SCORER.score(truth(), new ObservedEvents(perfectMovements(), perfectLocations(), 0)).toTable();
    assertThat(table).contains("movement precision", "100.0%", "movement recall", "direction accuracy",
        "door attribution accuracy", "bin location accuracy", "decision latency p50", "2.000 s",
        "decision latency p99", "4.000 s");
  }

  @Test
  void score_horizon_laterCrossingsAndTheirEventsNotScored() {
    List<ObservedMovement> events = new ArrayList<>(perfectMovements());
    // A duplicate of P1 (false, before the horizon) and a stray event starting after it.
    events.add(movement("dup", "D1", Direction.IN, T0.plusSeconds(10), 5, null, epcs(1)));
    events.add(movement("late", "D2", Direction.IN, T0.plusSeconds(200), 1, null, epcs(1)));
    Instant horizon = T0.plusSeconds(150);

    ScoreReport r = SCORER.score(truth(), new ObservedEvents(events, perfectLocations(), 0), horizon);

    // P4 (190 s) and its event are past the horizon; so is the stray event.
    assertThat(r.trueCrossings()).isEqualTo(3);
    assertThat(r.movementEvents()).isEqualTo(4);
    assertThat(r.matched()).isEqualTo(3);
    assertThat(r.findings(Kind.FALSE)).singleElement()
        .satisfies(f -> assertThat(f.detail()).contains("event dup"));
    assertThat(r.findings(Kind.MISSED)).isEmpty();
  }

  static DoorCrossing crossing(String pallet, int n, String door, Direction d, long atS) {
    return new DoorCrossing(T0.plusSeconds(atS), atS * 1_000_000, pallet, sscc(n), List.of("LOT-A"), door, d, epcs(n));
  }

  static ObservedMovement movement(String id, String door, Direction d, Instant around, int latencyS, String sscc,
                                   List<String> epcs) {
    return new ObservedMovement(id, door, d, around.minusSeconds(2), around.plusSeconds(2),
        around.plusSeconds(latencyS), sscc, epcs);
  }

  static String sscc(int n) {
    return "00614141" + String.format("%09d", n) + "0";
  }

  /** Three tags per pallet: pallet n's tags end in n0, n1, n2. */
  static List<String> epcs(int n) {
    return List.of(epc(n * 10), epc(n * 10 + 1), epc(n * 10 + 2));
  }

  static String epc(int serial) {
    return "3074257BF7194E40" + String.format("%08X", serial);
  }
}
