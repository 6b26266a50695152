package io.tagflow.gateway.pipeline;

import static io.tagflow.gateway.testing.DockScenario.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.testing.DockScenario;
import io.tagflow.gateway.testing.PipelineHarness;
import io.tagflow.protocol.epc.EpcDecoder;
import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.Sscc;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole-pipeline scenarios: synthetic read streams for several pallets at two adjacent doors. */
class TagPipelineScenarioTest {

  private static final long S = 1_000_000;

  private static DockScenario twoDoors(long seed) {
    return new DockScenario(seed).door("D1", 0, "reader-1").door("D2", 4, "reader-2");
  }

  private static String uriOf(Epc96 epc) {
    return EpcDecoder.decode(epc).uri();
  }

  private static String ssccOf(List<Epc96> pallet) {
    return ((Sscc) EpcDecoder.decode(pallet.get(0))).sscc();
  }

  @Test
  void cleanInCrossing_oneMovementInAtThatDoor() {
    List<Epc96> pallet = DockScenario.pallet(1, 8);
    DockScenario scenario = twoDoors(1).pass(pallet, "D1", Direction.IN, T0 + S, 1.5);
    PipelineHarness h = new PipelineHarness(FilterSettings.defaults(), scenario);

    h.feed(scenario.reads()).runFor(15);

    assertThat(h.listener.movements).hasSize(1);
    MovementDecision m = h.listener.movements.get(0);
    assertThat(m.door()).isEqualTo("D1");
    assertThat(m.direction()).isEqualTo(Direction.IN);
    assertThat(m.palletSscc()).isEqualTo(ssccOf(pallet));
    assertThat(m.tags()).extracting(MovedTag::uri)
        .containsExactlyInAnyOrderElementsOf(pallet.stream().map(TagPipelineScenarioTest::uriOf).toList());
    assertThat(m.confidence()).isGreaterThanOrEqualTo(0.6);
    assertThat(m.startedAt()).isBefore(m.endedAt());
    assertThat(h.listener.staged).isEmpty();
  }

  @Test
  void cleanOutCrossing_oneMovementOut() {
    List<Epc96> pallet = DockScenario.pallet(2, 5);
    DockScenario scenario = twoDoors(2).pass(pallet, "D2", Direction.OUT, T0 + S, 1.2);
    PipelineHarness h = new PipelineHarness(FilterSettings.defaults(), scenario);

    h.feed(scenario.reads()).runFor(15);

    assertThat(h.listener.movements).singleElement().satisfies(m -> {
      assertThat(m.door()).isEqualTo("D2");
      assertThat(m.direction()).isEqualTo(Direction.OUT);
      assertThat(m.tags()).hasSize(6);
    });
  }

  @Test
  void palletParkedOutside_stagedNotMoved() {
    List<Epc96> pallet = DockScenario.pallet(3, 4);
    DockScenario scenario = twoDoors(3).park(pallet, "D1", Side.OUTSIDE, T0 + S, 45 * S);
    PipelineHarness h = new PipelineHarness(FilterSettings.defaults(), scenario);

    h.feed(scenario.reads()).runFor(15);

    assertThat(h.listener.movements).isEmpty();
    assertThat(h.listener.staged).isNotEmpty().allSatisfy(s -> {
      assertThat(s.door()).isEqualTo("D1");
      assertThat(s.side()).isEqualTo(Side.OUTSIDE);
    });
    assertThat(h.listener.staged).extracting(StagedDecision::uri)
        .contains(uriOf(pallet.get(0)));
  }

  @Test
  void severalPallets_everyMovementRightAndNoFalseOnes() {
    DockScenario scenario = twoDoors(42)
        .pass(DockScenario.pallet(10, 6), "D1", Direction.IN, T0 + S, 1.5)
        .pass(DockScenario.pallet(11, 6), "D1", Direction.IN, T0 + 14 * S, 1.5)
        .pass(DockScenario.pallet(12, 4), "D2", Direction.OUT, T0 + 5 * S, 1.0)
        .pass(DockScenario.pallet(13, 8), "D2", Direction.IN, T0 + 30 * S, 2.0)
        .pass(DockScenario.pallet(14, 3), "D1", Direction.OUT, T0 + 32 * S, 1.2)
        .park(DockScenario.pallet(15, 3), "D2", Side.INSIDE, T0 + 45 * S, 40 * S);
    PipelineHarness h = new PipelineHarness(FilterSettings.defaults(), scenario);

    h.feed(scenario.reads()).runFor(20);

    assertThat(h.listener.movements)
        .extracting(m -> m.door() + " " + m.direction() + " " + m.palletSscc() + " " + m.tags().size())
        .containsExactlyInAnyOrder(
            "D1 IN " + ssccOf(DockScenario.pallet(10, 0)) + " 7",
            "D1 IN " + ssccOf(DockScenario.pallet(11, 0)) + " 7",
            "D2 OUT " + ssccOf(DockScenario.pallet(12, 0)) + " 5",
            "D2 IN " + ssccOf(DockScenario.pallet(13, 0)) + " 9",
            "D1 OUT " + ssccOf(DockScenario.pallet(14, 0)) + " 4");
    assertThat(h.listener.staged).extracting(StagedDecision::door).containsOnly("D2");
  }

  @ParameterizedTest(name = "seed {0}, {1} m/s, {2}")
  @CsvSource({"1, 0.6, IN", "2, 0.6, OUT", "3, 1.0, IN", "4, 1.0, OUT", "5, 2.0, IN", "6, 2.0, OUT",
      "7, 3.5, IN", "8, 3.5, OUT"})
  void crossingAtForkliftSpeeds_exactlyOneCorrectMovement(long seed, double speed, Direction dir) {
    List<Epc96> pallet = DockScenario.pallet((int) seed, 6);
    DockScenario scenario = twoDoors(seed).pass(pallet, "D1", dir, T0 + S, speed);
    PipelineHarness h = new PipelineHarness(FilterSettings.defaults(), scenario);

    h.feed(scenario.reads()).runFor(15);

    assertThat(h.listener.movements).singleElement().satisfies(m -> {
      assertThat(m.door()).isEqualTo("D1");
      assertThat(m.direction()).isEqualTo(dir);
      assertThat(m.tags()).hasSize(7);
    });
  }

  @ParameterizedTest(name = "seed {0}, {1} m/s, {2}")
  @CsvSource({"11, 0.6, IN", "12, 1.5, OUT", "13, 3.5, IN", "14, 1.0, OUT"})
  void forkliftStopsInDoorwayWithReflections_stillOneCorrectMovement(long seed, double speed,
                                                                      Direction dir) {
    DockScenario scenario = twoDoors(seed).reflections(0.05)
        .pass(DockScenario.pallet((int) seed, 6), "D1", dir, T0 + S, speed, 8 * S);
    PipelineHarness h = new PipelineHarness(FilterSettings.defaults(), scenario);

    h.feed(scenario.reads()).runFor(15);

    assertThat(h.listener.movements).singleElement().satisfies(m -> {
      assertThat(m.direction()).isEqualTo(dir);
      assertThat(m.tags()).hasSize(7);
    });
  }

  @ParameterizedTest(name = "seed {0}, {1}")
  @CsvSource({"21, OUTSIDE", "22, INSIDE", "23, OUTSIDE", "24, INSIDE"})
  void palletParkedWithReflections_neverMoves(long seed, Side side) {
    DockScenario scenario = twoDoors(seed).reflections(0.05)
        .park(DockScenario.pallet((int) seed, 4), "D1", side, T0 + S, 40 * S);
    PipelineHarness h = new PipelineHarness(FilterSettings.defaults(), scenario);

    h.feed(scenario.reads()).runFor(15);

    assertThat(h.listener.movements).isEmpty();
    assertThat(h.listener.staged).isNotEmpty();
  }

  @ParameterizedTest(name = "seed {0}, {1}, {2} m/s")
  @CsvSource({"31, OUTSIDE, 1.0", "32, INSIDE, 2.0", "33, OUTSIDE, 3.0", "34, INSIDE, 0.7"})
  void forkliftDrivingAlongTheWallPastTheDoor_neverMoves(long seed, Side side, double speed) {
    DockScenario scenario = twoDoors(seed).reflections(0.02)
        .driveAlong(DockScenario.pallet((int) seed, 5), "D1", side, T0 + S, speed);
    PipelineHarness h = new PipelineHarness(FilterSettings.defaults(), scenario);

    h.feed(scenario.reads()).runFor(15);

    assertThat(h.listener.movements).isEmpty();
  }

  @Test
  void batchInput_sameDecisionsAsSingleReads() {
    List<Epc96> pallet = DockScenario.pallet(20, 4);
    DockScenario scenario = twoDoors(20).pass(pallet, "D1", Direction.IN, T0 + S, 1.5);
    List<io.tagflow.gateway.pipeline.TagRead> reads = scenario.reads();
    PipelineHarness h = new PipelineHarness(FilterSettings.defaults(), scenario);
    io.tagflow.protocol.llrp.TagReportBatch batch = new io.tagflow.protocol.llrp.TagReportBatch();

    // One batch per reader per 100 ms, as a reader reporting every 100 ms would send.
    long window = T0;
    for (int i = 0; i < reads.size(); ) {
      window += 100_000;
      h.runUntil(window);
      for (String reader : List.of("reader-1", "reader-2")) {
        batch.clear();
        for (int j = i; j < reads.size() && reads.get(j).timestampMicros() < window; j++) {
          TagRead r = reads.get(j);
          if (r.readerId().equals(reader)) {
            int k = batch.addEpc96(r.epc().high(), r.epc().low());
            batch.set(k, io.tagflow.protocol.llrp.TagField.ANTENNA_ID, r.antennaId())
                .set(k, io.tagflow.protocol.llrp.TagField.PEAK_RSSI, (long) r.peakRssiDbm())
                .set(k, io.tagflow.protocol.llrp.TagField.LAST_SEEN_TIMESTAMP_UTC, r.timestampMicros());
          }
        }
        h.pipeline.onBatch(reader, batch);
      }
      while (i < reads.size() && reads.get(i).timestampMicros() < window) {
        i++;
      }
    }
    h.runFor(15);

    assertThat(h.listener.movements).singleElement().satisfies(m -> {
      assertThat(m.door()).isEqualTo("D1");
      assertThat(m.direction()).isEqualTo(Direction.IN);
      assertThat(m.tags()).hasSize(5);
    });
  }
}
