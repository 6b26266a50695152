package io.tagflow.gateway.pipeline;

import static io.tagflow.gateway.testing.DockScenario.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagflow.gateway.testing.DockScenario;
import io.tagflow.gateway.testing.FakeClock;
import io.tagflow.gateway.testing.PipelineHarness;
import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.EpcDecoder;
import io.tagflow.protocol.llrp.TagField;
import io.tagflow.protocol.llrp.TagReportBatch;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole-pipeline behaviour that is not a door scenario: zones, allocation, counters, failures. */
class TagPipelineTest {

  private static final long S = 1_000_000;

  private static PipelineHarness zones() {
    return new PipelineHarness(TagPipeline.builder()
        .readPoint("aisle", 1, ReadPoint.zone("A-01"))
        .readPoint("aisle", 2, ReadPoint.zone("A-02"))
        .readPoint("dock", 1, ReadPoint.door("D1", Side.OUTSIDE))
        .readPoint("dock", 2, ReadPoint.door("D1", Side.INSIDE)));
  }

  @Test
  void binReads_locationDecisionWithHoldOffAndMove() {
    PipelineHarness h = zones();
    Epc96 epc = DockScenario.pallet(1, 0).get(0);
    // In A-01 for 20 s (A-02 hears it 15 dB weaker), then moved to A-02 for 20 s.
    for (long t = 0; t < 40 * S; t += 200_000) {
      boolean first = t < 20 * S;
      h.runUntil(T0 + t);
      h.pipeline.onRead("aisle", 1, epc.high(), epc.low(), first ? -50 : -65, T0 + t);
      h.pipeline.onRead("aisle", 2, epc.high(), epc.low(), first ? -65 : -50, T0 + t + 1000);
    }
    h.runFor(1);

    assertThat(h.listener.locations).hasSize(2);
    LocationDecision placed = h.listener.locations.get(0);
    assertThat(placed.bin()).isEqualTo("A-01");
    assertThat(placed.fromBin()).isNull();
    assertThat(placed.uri()).isEqualTo(EpcDecoder.decode(epc).uri());
    LocationDecision moved = h.listener.locations.get(1);
    assertThat(moved.bin()).isEqualTo("A-02");
    assertThat(moved.fromBin()).isEqualTo("A-01");
    assertThat(moved.at()).isAfter(h.clock.instant().minusSeconds(20));
    assertThat(moved.confidence()).isGreaterThan(0.9);
    assertThat(h.listener.movements).isEmpty();
  }

  @Test
  void tagReadThenSilent_deadlinesAloneDecideBinDepartAndForgetOnTime() {
    // Ticks skip a tag nobody reads unless a stage deadline is due: the bin hold-off, the departure
    // and the forgetting must still happen at the first tick past each deadline.
    FilterSettings settings = FilterSettings.builder().zoneHoldOff(java.time.Duration.ofSeconds(1))
        .absenceTimeout(java.time.Duration.ofSeconds(3)).tagRetention(java.time.Duration.ofSeconds(10)).build();
    PipelineHarness h = new PipelineHarness(TagPipeline.builder().settings(settings)
        .readPoint("aisle", 1, ReadPoint.zone("A-01")));
    Epc96 epc = DockScenario.pallet(1, 0).get(0);
    for (long t = 0; t <= 200_000; t += 100_000) {
      h.runUntil(T0 + t);
      h.pipeline.onRead("aisle", 1, epc.high(), epc.low(), -55, T0 + t);
    }
    h.runUntil(T0 + 1_100_000); // arrived at the 0.1 s read, candidate bin at the 0.2 s tick: hold-off ends at 1.2 s
    assertThat(h.listener.locations).isEmpty();
    h.runUntil(T0 + 1_200_000);
    assertThat(h.listener.locations).extracting(LocationDecision::bin).containsExactly("A-01");

    h.runUntil(T0 + 10_200_000); // departed at 3.3 s; forgotten at the first tick past 10 s after the 0.2 s read
    assertThat(h.pipeline.trackedTags()).isEqualTo(1);
    h.runUntil(T0 + 10_300_000);
    assertThat(h.pipeline.trackedTags()).isZero();
    assertThat(h.pipeline.stageCounts().get(1).out()).isEqualTo(2); // arrival at the 2nd read, then passed on
  }

  @Test
  void adjacentDoorsTwoAndAHalfMetresApart_onlyTheCrossedDoorMoves() {
    DockScenario scenario = new DockScenario(77).door("D1", 0, "reader-1").door("D2", 2.5, "reader-2");
    for (int p = 0; p < 4; p++) {
      scenario.pass(DockScenario.pallet(30 + p, 5), p % 2 == 0 ? "D1" : "D2",
          p < 2 ? Direction.IN : Direction.OUT, T0 + S + p * 12 * S, 1.5);
    }
    PipelineHarness h = new PipelineHarness(FilterSettings.defaults(), scenario);

    h.feed(scenario.reads()).runFor(15);

    assertThat(h.listener.movements).extracting(m -> m.door() + " " + m.direction() + " " + m.tags().size())
        .containsExactly("D1 IN 6", "D2 IN 6", "D1 OUT 6", "D2 OUT 6");
    assertThat(h.pipeline.drops().get("overruledByOtherDoor")).isPositive();
    assertThat(h.listener.movements).anySatisfy(m -> assertThat(m.arbitration()).isNotNull());
  }

  @Test
  void flush_movementStillBeingGroupedIsEmittedNotLost() {
    DockScenario scenario = new DockScenario(5).door("D1", 0, "reader-1")
        .pass(DockScenario.pallet(1, 4), "D1", Direction.IN, T0 + S, 1.5);
    PipelineHarness h = new PipelineHarness(FilterSettings.defaults(), scenario);
    h.feed(scenario.reads());
    // Tick until the crossings reach grouping; the movement's quiet gap has not passed yet.
    for (int i = 0; i < 600 && h.pipeline.stageCounts().get(4).in() < 5; i++) {
      h.runFor(0.1);
    }
    assertThat(h.pipeline.stageCounts().get(4).in()).isEqualTo(5);
    assertThat(h.listener.movements).isEmpty();

    h.pipeline.flush();

    assertThat(h.listener.movements).singleElement().satisfies(m -> {
      assertThat(m.door()).isEqualTo("D1");
      assertThat(m.direction()).isEqualTo(Direction.IN);
      assertThat(m.tags()).hasSize(5);
    });
  }

  @Test
  void steadyState_readsAndBatchesAllocateNothing() {
    PipelineHarness h = zones();
    List<Epc96> tags = DockScenario.pallet(1, 49);
    TagReportBatch batch = new TagReportBatch();
    long t = T0;
    // Warm up: every tag known, every array grown, code compiled.
    for (int round = 0; round < 2_000; round++) {
      t += 10_000;
      feedRound(h, tags, batch, t, round);
    }
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(thread);
    for (int round = 0; round < 2_000; round++) {
      t += 10_000;
      feedRound(h, tags, batch, t, round);
    }
    long allocated = mx.getThreadAllocatedBytes(thread) - before;

    // 2,000 rounds x 50 tags x 2 antennas = 200,000 reads (half of them through batches).
    assertThat(allocated).as("bytes allocated for 200,000 reads").isLessThan(16 * 1024);
    assertThat(h.pipeline.stageCounts().get(0).in()).isEqualTo(400_000);
  }

  private static void feedRound(PipelineHarness h, List<Epc96> tags, TagReportBatch batch, long t,
                                int round) {
    h.clock.setMicros(t);
    batch.clear();
    for (int i = 0; i < tags.size(); i++) {
      Epc96 e = tags.get(i);
      h.pipeline.onRead("aisle", 1, e.high(), e.low(), -50 - (i + round) % 7, t);
      int k = batch.addEpc96(e.high(), e.low());
      batch.set(k, TagField.ANTENNA_ID, 2).set(k, TagField.PEAK_RSSI, -58 - (i % 5))
          .set(k, TagField.LAST_SEEN_TIMESTAMP_UTC, t);
    }
    h.pipeline.onBatch("aisle", batch);
    if (round % 10 == 0) {
      h.pipeline.tick();
    }
  }

  @Test
  void counters_andMicrometerBinding_reportStageFlow() {
    DockScenario scenario = new DockScenario(3).door("D1", 0, "reader-1")
        .pass(DockScenario.pallet(1, 3), "D1", Direction.IN, T0 + S, 1.5);
    PipelineHarness h = new PipelineHarness(FilterSettings.defaults(), scenario);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PipelineMetrics.bind(h.pipeline, registry);
    h.pipeline.onRead("unknown-reader", 1, 0x3000_0000_0000_0000L, 0, -40, T0);

    h.feed(scenario.reads()).runFor(15);

    List<StageCount> counts = h.pipeline.stageCounts();
    assertThat(counts).extracting(StageCount::stage)
        .containsExactly("admission", "smoothing", "portal", "zone", "grouping", "arbitration");
    assertThat(counts.get(0).in()).isGreaterThan(counts.get(0).out());
    assertThat(counts.get(4).in()).isEqualTo(4); // four crossings grouped
    assertThat(counts.get(5).out()).isEqualTo(1); // into one movement
    assertThat(h.pipeline.drops().get("unmappedAntenna")).isEqualTo(1);
    assertThat(registry.get("tagflow.pipeline.stage.out").tag("stage", "grouping")
        .functionCounter().count()).isEqualTo(1.0);
  }

  @Test
  void listenerThrows_pipelineCarriesOnAndCounts() {
    DockScenario scenario = new DockScenario(4).door("D1", 0, "reader-1")
        .pass(DockScenario.pallet(1, 2), "D1", Direction.IN, T0 + S, 1.5)
        .pass(DockScenario.pallet(2, 2), "D1", Direction.OUT, T0 + 20 * S, 1.5);
    int[] calls = {0};
    FakeClock clock = FakeClock.atMicros(T0);
    TagPipeline throwing = scenario.configure(TagPipeline.builder()).clock(clock)
        .listener(DecisionListener.movementsTo(movement -> {
          calls[0]++;
          throw new IllegalStateException("outbox full");
        })).build();

    for (TagRead r : scenario.reads()) {
      clock.setMicros(r.timestampMicros());
      throwing.onRead(r);
      throwing.tick();
    }
    for (int i = 0; i < 200; i++) {
      clock.advanceMillis(100);
      throwing.tick();
    }

    assertThat(calls[0]).isEqualTo(2);
    assertThat(throwing.drops().get("listenerFailures")).isEqualTo(2);
  }
}
