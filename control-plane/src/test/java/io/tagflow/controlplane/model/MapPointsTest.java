package io.tagflow.controlplane.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MapPointsTest {
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
