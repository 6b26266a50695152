package io.tagflow.controlplane.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagflow.controlplane.ControlPlaneConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapPointsTest {
  @TempDir
  Path dir;

  @Test
  void load_binsAndDoorsWithPositions_keepThem() throws Exception {
    Path file = Files.writeString(dir.resolve("cp.yaml"), """
        sites:
          - id: dc1
            doors: [ { id: D1, x: 0, y: 30 } ]
            bins: [ { id: A-01, capacity: 4, x: 2.5, y: 4 }, { id: A-02, capacity: 4 } ]
        """);

    SiteLayout site = ControlPlaneConfig.load(file, Map.of()).sites().get(0);

    assertThat(site.bins()).containsExactly(new BinSpec("A-01", 4, 2.5, 4.0), new BinSpec("A-02", 4));
    assertThat(site.doors()).containsExactly(new DoorSpec("D1", List.of(), 0.0, 30.0));
  }

  @Test
  void load_binWithOnlyX_namesThePathAndTheRule() throws Exception {
    Path file = Files.writeString(dir.resolve("cp.yaml"), "sites:\n  - id: dc1\n    bins: [ { id: A-01, capacity: 4, x: 2 } ]\n");

    assertThatThrownBy(() -> ControlPlaneConfig.load(file, Map.of()))
        .hasMessageContaining("sites[0].bins[0]").hasMessageContaining("bin A-01 needs both x and y, or neither");
  }

  @Test
  void binSpec_onlyX_isRejectedNamingTheBin() {
    assertThatThrownBy(() -> new BinSpec("A-01", 5, 1.0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("bin A-01 needs both x and y, or neither");
  }

  @Test
  void doorSpec_negativeY_isRejected() {
    assertThatThrownBy(() -> new DoorSpec("D1", List.of(), 1.0, -2.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("door D1 must be placed within");
  }

  @Test
  void binSpec_withoutPosition_isUnplaced() {
    BinSpec b = new BinSpec("A-01", 5);

    assertThat(b.x()).isNull();
    assertThat(b.y()).isNull();
  }
}
