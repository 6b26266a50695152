package io.tagflow.controlplane.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagflow.controlplane.fixtures.FakeClock;
import io.tagflow.controlplane.fixtures.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyServiceTest {
  static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  final FakeClock clock = new FakeClock(T0);
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  final List<Anomaly> heard = new ArrayList<>();
  final AnomalyService service = new AnomalyService(new InMemoryStore(), clock, metrics, heard::add);
  final Anomaly anomaly = Anomaly.builder(AnomalyType.DOOR_DWELL, "dc1", T0).key("k").door("door-1").build();

  @Test
  void raise_twice_storedCountedAndAnnouncedOnce() {
    assertThat(service.raise(anomaly)).isTrue();
    assertThat(service.raise(anomaly)).isFalse();

    assertThat(heard).containsExactly(anomaly);
    assertThat(metrics.get(AnomalyService.RAISED_METRIC).tag("type", "door_dwell").counter().count()).isEqualTo(1.0);
  }

  @Test
  void raiseAll_someKnown_storesCountsAndAnnouncesOnlyTheNewOnes() {
    Anomaly other = Anomaly.builder(AnomalyType.DOOR_DWELL, "dc1", T0).key("k2").door("door-2").build();
    service.raise(anomaly);

    assertThat(service.raiseAll(List.of(anomaly, other))).containsExactly(other);

    assertThat(heard).containsExactly(anomaly, other);
    assertThat(metrics.get(AnomalyService.RAISED_METRIC).tag("type", "door_dwell").counter().count()).isEqualTo(2.0);
  }

  @Test
  void changeStatus_forwardRecordsWhoAndWhen_backwardRefused() {
    service.raise(anomaly);
    clock.advance(Duration.ofMinutes(3));

    AnomalyService.Transition ack = service.changeStatus(anomaly.id(), AnomalyStatus.ACKNOWLEDGED, "sam");
    AnomalyService.Transition again = service.changeStatus(anomaly.id(), AnomalyStatus.ACKNOWLEDGED, "kim");
    AnomalyService.Transition missing = service.changeStatus("nope", AnomalyStatus.RESOLVED, "kim");

    assertThat(ack.outcome()).isEqualTo(AnomalyService.Outcome.CHANGED);
    assertThat(ack.anomaly()).get().satisfies(a -> {
      assertThat(a.statusBy()).isEqualTo("sam");
      assertThat(a.statusAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
    });
    assertThat(again.outcome()).isEqualTo(AnomalyService.Outcome.NOT_ALLOWED);
    assertThat(again.anomaly()).get().extracting(Anomaly::statusBy).isEqualTo("sam");
    assertThat(missing.outcome()).isEqualTo(AnomalyService.Outcome.NOT_FOUND);
    assertThat(heard).hasSize(2);
  }
}
