package io.tagflow.controlplane.anomaly;

import static io.tagflow.controlplane.fixtures.Layouts.SITE;
import static io.tagflow.controlplane.fixtures.Layouts.epc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagflow.controlplane.fixtures.FakeClock;
import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.controlplane.live.LiveState;
import io.tagflow.controlplane.live.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DoorDwellRuleTest {
  static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  final FakeClock clock = new FakeClock(T0);
  final LiveState live = new LiveState(List.of(Layouts.dc1(false)), e -> Optional.of("L-1"));
  final DoorDwellRule rule = new DoorDwellRule(Layouts.dc1(false), Duration.ofMinutes(10), clock);

  void see(int tag, String place, Observation.Via via, int second) {
    Observation o = new Observation(SITE, epc(tag), place, via, T0.plusSeconds(second), "e" + tag + "-" + second);
    live.apply(o).ifPresent(c -> rule.onChange(o, c));
  }

  @Test
  void check_beforeThreshold_raisesNothing() {
    see(1, "stage-1", Observation.Via.LOCATION, 0);
    clock.advance(Duration.ofMinutes(10));

    assertThat(rule.check()).isEmpty();
  }

  @Test
  void check_pastThreshold_raisesOncePerEpisodeWithTagsAndLot() {
    see(1, "stage-1", Observation.Via.LOCATION, 0);
    see(2, "door-1", Observation.Via.LOCATION, 30);
    clock.advance(Duration.ofMinutes(11));

    List<Anomaly> raised = rule.check();
    List<Anomaly> again = rule.check();

    assertThat(raised).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyType.DOOR_DWELL);
      assertThat(a.door()).isEqualTo("door-1");
      assertThat(a.epcs()).containsExactly(epc(1), epc(2));
      assertThat(a.lotId()).isEqualTo("L-1");
      assertThat(a.at()).isEqualTo(T0);
    });
    assertThat(again).isEmpty();
  }

  @Test
  void check_tagCrossedBeforeThreshold_raisesNothing() {
    see(1, "stage-1", Observation.Via.LOCATION, 0);
    see(1, "door-1", Observation.Via.MOVEMENT_OUT, 60);
    clock.advance(Duration.ofMinutes(30));

    assertThat(rule.check()).isEmpty();
  }

  @Test
  void check_reReadAtSameDoor_keepsEpisodeStart() {
    see(1, "stage-1", Observation.Via.LOCATION, 0);
    see(1, "door-1", Observation.Via.LOCATION, 500);
    clock.advance(Duration.ofSeconds(601));

    assertThat(rule.check()).singleElement().extracting(Anomaly::at).isEqualTo(T0);
  }

  @Test
  void check_crossedInwards_isNotDwelling() {
    see(1, "door-1", Observation.Via.MOVEMENT_IN, 0);
    clock.advance(Duration.ofHours(1));

    assertThat(rule.check()).isEmpty();
  }

  @Test
  void check_putAwayToBin_endsEpisode() {
    see(1, "stage-1", Observation.Via.LOCATION, 0);
    see(1, "A-01", Observation.Via.LOCATION, 100);
    clock.advance(Duration.ofHours(1));

    assertThat(rule.check()).isEmpty();
  }

  @Test
  void constructor_nonPositiveThreshold_namesSetting() {
    assertThatThrownBy(() -> new DoorDwellRule(Layouts.dc1(false), Duration.ZERO, clock))
        .hasMessageContaining("doorDwell threshold must be positive");
  }
}
