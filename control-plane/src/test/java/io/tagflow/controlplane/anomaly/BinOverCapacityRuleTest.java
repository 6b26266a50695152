package io.tagflow.controlplane.anomaly;

import static io.tagflow.controlplane.fixtures.Layouts.SITE;
import static io.tagflow.controlplane.fixtures.Layouts.epc;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.controlplane.live.LiveState;
import io.tagflow.controlplane.live.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BinOverCapacityRuleTest {
  static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  final LiveState live = new LiveState(List.of(Layouts.dc1(false)), e -> Optional.of("L"));
  final BinOverCapacityRule rule = new BinOverCapacityRule();

  List<Anomaly> put(int tag, String bin, int second) {
    return live.apply(new Observation(SITE, epc(tag), bin, Observation.Via.LOCATION, T0.plusSeconds(second), "e" + second))
        .map(c -> rule.check(SITE, c)).orElse(List.of());
  }

  @Test
  void check_fillingToCapacity_raisesNothing() {
    List<Anomaly> all = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      all.addAll(put(i, "A-01", i));
    }
    assertThat(all).isEmpty();
  }

  @Test
  void check_crossingCapacity_raisesOnceWhileOver() {
    for (int i = 1; i <= 3; i++) {
      put(i, "A-01", i);
    }

    List<Anomaly> crossing = put(4, "A-01", 4);
    List<Anomaly> further = put(5, "A-01", 5);

    assertThat(crossing).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyType.BIN_OVER_CAPACITY);
      assertThat(a.bin()).isEqualTo("A-01");
      assertThat(a.epcs()).containsExactly(epc(4));
      assertThat(a.detail()).contains("4 units, capacity 3");
    });
    assertThat(further).isEmpty();
  }

  @Test
  void check_dropBelowAndCrossAgain_raisesNewAnomaly() {
    for (int i = 1; i <= 3; i++) {
      put(i, "A-01", i);
    }
    Anomaly first = put(4, "A-01", 4).get(0);
    put(4, "A-02", 6);

    List<Anomaly> again = put(6, "A-01", 7);

    assertThat(again).singleElement().satisfies(a -> {
      assertThat(a.epcs()).containsExactly(epc(6));
      assertThat(a.id()).isNotEqualTo(first.id());
    });
  }

  @Test
  void check_leavingAnOverfullBin_raisesNothing() {
    for (int i = 1; i <= 5; i++) {
      put(i, "A-01", i);
    }

    assertThat(put(5, "B-01", 9)).isEmpty();
  }
}
