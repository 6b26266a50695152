package io.tagflow.sim.physics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.protocol.event.Direction;
import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.scenario.ScenarioLoader;
import io.tagflow.sim.truth.DoorCrossing;
import io.tagflow.sim.truth.TruthJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SceneTest {
  private static final Path ONE_DOOR = Path.of("scenarios/one-door.yaml");

  @Test
  void truth_oneDoor_hasEveryCrossingWithDirectionAndTime() {
    Scene scene = Scene.build(ScenarioLoader.load(ONE_DOOR));
    List<DoorCrossing> crossings = scene.truth().crossings();
    assertThat(crossings).extracting(DoorCrossing::pallet).containsExactly("P1", "P2", "P3", "P4");
    assertThat(crossings).extracting(DoorCrossing::direction)
        .containsExactly(Direction.IN, Direction.IN, Direction.IN, Direction.OUT);
    assertThat(crossings).allSatisfy(c -> assertThat(c.door()).isEqualTo("D1"));
    // P1 leaves the trailer (y = -4) at 10 s and drives 4 m at 2 m/s to the door.
    assertThat(crossings.get(0).atMicros()).isEqualTo(12_000_000L);
    assertThat(crossings.get(0).epcs()).hasSize(25);
    assertThat(crossings.get(0).sscc()).hasSize(18);
    // P4 is in B2 from the start; placements: P4 at 0, then P1, P2, P3 at the end of their flows.
    assertThat(scene.truth().placements()).extracting(p -> p.pallet() + "@" + p.bin())
        .containsExactly("P4@B2", "P1@B1", "P2@B2", "P3@B1");
  }

  @Test
  void reads_sameSeed_identical_differentSeed_different() {
    Scenario scenario = ScenarioLoader.load(ONE_DOOR);
    List<String> a = reads(scenario, 60_000_000L);
    List<String> b = reads(scenario, 60_000_000L);
    List<String> c = reads(scenario.withSeed(43), 60_000_000L);
    assertThat(a).isNotEmpty().isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
    assertThat(TruthJson.toLine(Scene.build(scenario).truth().events().get(1)))
        .isEqualTo(TruthJson.toLine(Scene.build(scenario).truth().events().get(1)));
  }

  @Test
  void reads_palletCrossing_mostTagsReadWithRealisticRssi() {
    Scene scene = Scene.build(ScenarioLoader.load(ONE_DOOR));
    Map<Long, Integer> readsByEpc = new HashMap<>();
    List<Double> rssis = new ArrayList<>();
    // P1 crosses at 12 s; run 8..16 s.
    scene.advanceTo(8_000_000L, (r, port, hi, lo, rssi, t) -> { });
    scene.advanceTo(16_000_000L, (r, port, hi, lo, rssi, t) -> {
      readsByEpc.merge(hi ^ lo, 1, Integer::sum);
      rssis.add(rssi);
    });
    // Most of the 25 tags of P1 are read, at least once each, while it passes.
    assertThat(readsByEpc.size()).isGreaterThanOrEqualTo(20);
    // The reader's rated 1000 tags/s caps 8 s of reads.
    assertThat(rssis.size()).isBetween(100, 8 * 1000);
    rssis.sort(null);
    assertThat(rssis.get(rssis.size() / 2)).as("median RSSI, dBm").isBetween(-75.0, -35.0);
    assertThat(rssis.get(0)).isGreaterThanOrEqualTo(-84.0 - 6 * 1.5);
  }

  @Test
  void reads_moreTagsInField_fewerReadsPerTag_fartherTagWeaker() {
    double fewPerTag = readsPerTag(1, 2.0);
    double manyPerTag = readsPerTag(200, 2.0);
    assertThat(manyPerTag).isLessThan(fewPerTag / 10);
    assertThat(readsPerTag(1, 9.0)).isLessThan(fewPerTag);
  }

  /** Reads per tag in 10 s for {@code n} stray tags about {@code distance} m in front of one antenna. */
  private static double readsPerTag(int n, double distance) {
    StringBuilder yaml = new StringBuilder("""
        name: field
        durationS: 10
        physics: {shadowingSigmaDb: 0, orientationSpreadDb: 0}
        readers: [{id: R1, llrpPort: 15084, maxReadRate: 400}]
        doors:
          - {id: D1, x: 0, antennas: [{reader: R1, port: 1, side: OUTSIDE, position: {x: 0, y: -0.5, z: 1}, boresight: {x: 0, y: -1, z: 0}}]}
        strayTags:
        """);
    for (int i = 0; i < n; i++) {
      yaml.append(String.format(java.util.Locale.ROOT, "  - {epc: \"%024X\", position: {x: %.3f, y: %.3f, z: 1}}%n",
          i + 1, (i % 20) * 0.01, -0.5 - distance - (i / 20) * 0.01));
    }
    Scene scene = Scene.build(ScenarioLoader.parse("field.yaml", yaml.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    long[] reads = new long[1];
    scene.advanceTo(10_000_000L, (r, port, hi, lo, rssi, t) -> reads[0]++);
    return reads[0] / (double) n;
  }

  static List<String> reads(Scenario scenario, long until) {
    Scene scene = Scene.build(scenario);
    List<String> out = new ArrayList<>();
    scene.advanceTo(until, (r, port, hi, lo, rssi, t) ->
        out.add(r + "/" + port + "/" + Long.toHexString(hi) + Integer.toHexString(lo) + "/"
            + Math.round(rssi * 100) + "@" + t));
    return out;
  }
}
