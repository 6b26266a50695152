package io.tagflow.controlplane.anomaly;

import static io.tagflow.controlplane.fixtures.Layouts.epc;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.controlplane.fixtures.Events;
import io.tagflow.protocol.event.Direction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnregisteredTagRuleTest {
  static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  final UnregisteredTagRule rule = new UnregisteredTagRule(e -> e.equals(epc(1)) ? Optional.of("L") : Optional.empty());

  @Test
  void check_allRegistered_raisesNothing() {
    assertThat(rule.check(Events.movement("door-1", Direction.IN, T0, List.of(epc(1))))).isEmpty();
  }

  @Test
  void check_unregisteredEntering_oneWarningListingOnlyUnknownEpcs() {
    List<Anomaly> raised = rule.check(Events.movement("door-1", Direction.IN, T0, List.of(epc(1), epc(2), epc(3))));

    assertThat(raised).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyType.UNREGISTERED_TAG);
      assertThat(a.severity()).isEqualTo(Severity.WARNING);
      assertThat(a.epcs()).containsExactly(epc(2), epc(3));
      assertThat(a.detail()).contains("entered");
      assertThat(a.at()).isEqualTo(T0);
    });
  }

  @Test
  void check_unregisteredLeaving_isCritical() {
    assertThat(rule.check(Events.movement("door-2", Direction.OUT, T0, List.of(epc(9))))).singleElement()
        .satisfies(a -> {
          assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
          assertThat(a.door()).isEqualTo("door-2");
        });
  }
}
