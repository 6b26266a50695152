package io.tagflow.sim.physics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.protocol.llrp.TagField;
import io.tagflow.protocol.llrp.TagReportBatch;
import io.tagflow.sim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SceneTagSourceTest {
  @Test
  void inventoryRound_palletInThePortal_appendsEpc96WithPeakRssi() {
    Scene scene = Scene.build(ScenarioLoader.load(Path.of("scenarios/one-door.yaml")));
    Instant start = scene.start();
    long startMicros = start.getEpochSecond() * 1_000_000;
    SceneTagSource source = new SceneTagSource(scene.reader("R1"), start, 200_000);
    TagReportBatch batch = new TagReportBatch();
    batch.addEpc96(1, 2);
    // P1 crosses D1 at 12 s: rounds every 200 ms from 11 s to 13 s on all four antennas.
    for (long t = 11_000_000; t <= 13_000_000; t += 200_000) {
      for (int port = 1; port <= 4; port++) {
        source.inventoryRound(startMicros + t, port, batch);
      }
    }
    source.inventoryRound(startMicros + 13_000_000, 9, batch);
    assertThat(batch.size()).isGreaterThan(50);
    // Appends, never clears: the tag that was there first is still first.
    assertThat(batch.epcHex(0)).isEqualTo("000000000000000100000002");
    String p1Label = scene.truth().crossings().get(0).epcs().get(0);
    boolean sawLabel = false;
    for (int i = 1; i < batch.size(); i++) {
      assertThat(batch.has(i, TagField.PEAK_RSSI)).isTrue();
      assertThat(batch.peakRssi(i)).isBetween(-100, -5);
      sawLabel |= batch.epcHex(i).equals(p1Label);
    }
    assertThat(sawLabel).as("P1's SSCC label read").isTrue();
  }

  @Test
  void inventoryRound_beforeSceneStart_readsNothing() {
    Scene scene = Scene.build(ScenarioLoader.load(Path.of("scenarios/one-door.yaml")));
    SceneTagSource source = new SceneTagSource(scene.reader("R1"), scene.start(), 200_000);
    TagReportBatch batch = new TagReportBatch();
    source.inventoryRound(scene.start().getEpochSecond() * 1_000_000 - 5_000_000, 1, batch);
    assertThat(batch.isEmpty()).isTrue();
  }
}
