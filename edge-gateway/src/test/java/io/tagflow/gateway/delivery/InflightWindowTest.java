package io.tagflow.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagflow.gateway.delivery.internal.InflightWindow;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InflightWindowTest {
  private final ManualClock clock = new ManualClock();

  @Test
  void add_beyondCapacity_isRefused() {
    InflightWindow w = new InflightWindow(2, Duration.ofSeconds(5), clock);
    assertThat(w.add(1)).isTrue();
    assertThat(w.add(2)).isTrue();
    assertThat(w.add(3)).isFalse();
    assertThat(w.free()).isZero();
    assertThat(w.remove(1)).isTrue();
    assertThat(w.remove(1)).as("a slot is freed once").isFalse();
    assertThat(w.free()).isEqualTo(1);
  }

  @Test
  void firstExpired_afterDeadline_returnsOldestSequence() {
    InflightWindow w = new InflightWindow(4, Duration.ofSeconds(5), clock);
    w.add(7);
    clock.advance(Duration.ofSeconds(2));
    w.add(8);
    assertThat(w.firstExpired()).isEqualTo(-1);
    clock.advance(Duration.ofSeconds(3));
    assertThat(w.firstExpired()).isEqualTo(7);
    w.remove(7);
    assertThat(w.firstExpired()).isEqualTo(-1);
    clock.advance(Duration.ofSeconds(2));
    assertThat(w.firstExpired()).isEqualTo(8);
  }

  @Test
  void constructor_nonPositiveSettings_areRejected() {
    assertThatThrownBy(() -> new InflightWindow(0, Duration.ofSeconds(1), clock)).hasMessageContaining("maxInflight");
    assertThatThrownBy(() -> new InflightWindow(1, Duration.ZERO, clock)).hasMessageContaining("ackTimeout");
  }
}
