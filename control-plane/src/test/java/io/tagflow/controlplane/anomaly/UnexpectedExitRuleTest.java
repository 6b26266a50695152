package io.tagflow.controlplane.anomaly;

import static io.tagflow.controlplane.fixtures.Layouts.epc;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.controlplane.fixtures.Events;
import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotStatus;
import io.tagflow.controlplane.model.ShipmentAuthorisation;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.MovementEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnexpectedExitRuleTest {
  static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  final Map<String, Lot> lots = new HashMap<>();
  final List<ShipmentAuthorisation> auths = new ArrayList<>();
  final Map<String, String> registry = Map.of(epc(1), "L-OK", epc(2), "L-OK", epc(3), "L-BAD", epc(4), "L-OLD");

  UnexpectedExitRule rule(boolean enforce) {
    return new UnexpectedExitRule(e -> Optional.ofNullable(registry.get(e)), id -> Optional.ofNullable(lots.get(id)),
        (site, door) -> auths.stream().filter(a -> a.door().equals(door)).toList(),
        site -> Optional.of(Layouts.dc1(enforce)));
  }

  void lot(String id, LotStatus status, LocalDate expires) {
    lots.put(id, new Lot(id, "09506000134352", null, expires, status, null, "t", T0));
  }

  static List<Anomaly> exitAnomalies(UnexpectedExitRule rule, MovementEvent m) {
    return rule.check(m).anomalies();
  }

  MovementEvent out(String... epcs) {
    return Events.movement("door-1", Direction.OUT, T0, List.of(epcs));
  }

  @Test
  void check_activeLotNoEnforcement_raisesNothing() {
    lot("L-OK", LotStatus.ACTIVE, null);

    assertThat(exitAnomalies(rule(false), out(epc(1), epc(2)))).isEmpty();
  }

  @Test
  void check_recalledLot_raisesCriticalPerLotWithItsEpcs() {
    lot("L-OK", LotStatus.ACTIVE, null);
    lot("L-BAD", LotStatus.RECALLED, null);

    List<Anomaly> raised = exitAnomalies(rule(false), out(epc(1), epc(3)));

    assertThat(raised).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyType.UNEXPECTED_EXIT);
      assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(a.lotId()).isEqualTo("L-BAD");
      assertThat(a.door()).isEqualTo("door-1");
      assertThat(a.epcs()).containsExactly(epc(3));
      assertThat(a.detail()).contains("recalled");
    });
  }

  @Test
  void check_lockedLot_isWarning() {
    lot("L-BAD", LotStatus.LOCKED, null);

    assertThat(exitAnomalies(rule(false), out(epc(3)))).singleElement()
        .extracting(Anomaly::severity).isEqualTo(Severity.WARNING);
  }

  @Test
  void check_expiredByEventTime_raises() {
    lot("L-OLD", LotStatus.ACTIVE, LocalDate.of(2026, 11, 20));

    assertThat(exitAnomalies(rule(false), out(epc(4)))).singleElement()
        .satisfies(a -> assertThat(a.detail()).contains("expired on 2026-11-20"));
  }

  @Test
  void check_expiresToday_isStillAllowed() {
    lot("L-OLD", LotStatus.ACTIVE, LocalDate.of(2026, 11, 21));

    assertThat(exitAnomalies(rule(false), out(epc(4)))).isEmpty();
  }

  @Test
  void check_inMovement_raisesNothing() {
    lot("L-BAD", LotStatus.RECALLED, null);

    assertThat(exitAnomalies(rule(true), Events.movement("door-1", Direction.IN, T0, List.of(epc(3))))).isEmpty();
  }

  @Test
  void check_enforcedWithoutAuthorisation_raises() {
    lot("L-OK", LotStatus.ACTIVE, null);

    assertThat(exitAnomalies(rule(true), out(epc(1)))).singleElement()
        .satisfies(a -> assertThat(a.detail()).contains("no open shipment authorisation"));
  }

  @Test
  void check_enforcedAuthorisationTooSmall_raisesWithQuantities() {
    lot("L-OK", LotStatus.ACTIVE, null);
    auths.add(new ShipmentAuthorisation("a1", "dc1", "door-1", "L-OK", 1, 0, null, true, "p", T0));

    assertThat(exitAnomalies(rule(true), out(epc(1), epc(2)))).singleElement()
        .satisfies(a -> assertThat(a.detail()).contains("authorisations leave 1 units, 2 left"));
  }

  @Test
  void check_enforcedCoveredByAuthorisations_raisesNothing() {
    lot("L-OK", LotStatus.ACTIVE, null);
    auths.add(new ShipmentAuthorisation("a1", "dc1", "door-1", "L-OK", 1, 0, null, true, "p", T0));
    auths.add(new ShipmentAuthorisation("a2", "dc1", "door-1", "L-OK", 1, 0, T0.plusSeconds(60), true, "p", T0));

    assertThat(exitAnomalies(rule(true), out(epc(1), epc(2)))).isEmpty();
  }

  @Test
  void check_authorisationExpiredOrOtherDoorOrClosed_doesNotCover() {
    lot("L-OK", LotStatus.ACTIVE, null);
    auths.add(new ShipmentAuthorisation("a1", "dc1", "door-1", "L-OK", 5, 0, T0.minusSeconds(1), true, "p", T0));
    auths.add(new ShipmentAuthorisation("a2", "dc1", "door-2", "L-OK", 5, 0, null, true, "p", T0));
    auths.add(new ShipmentAuthorisation("a3", "dc1", "door-1", "L-OK", 5, 0, null, false, "p", T0));

    assertThat(exitAnomalies(rule(true), out(epc(1)))).hasSize(1);
  }

  @Test
  void check_sameMovementTwice_sameAnomalyId() {
    lot("L-BAD", LotStatus.QUARANTINED, null);
    MovementEvent m = out(epc(3));

    assertThat(exitAnomalies(rule(false), m).get(0).id()).isEqualTo(exitAnomalies(rule(false), m).get(0).id());
  }

  @Test
  void check_authorisedExit_allocatesToAuthorisationEndingSoonestFirst() {
    lot("L-OK", LotStatus.ACTIVE, null);
    auths.add(new ShipmentAuthorisation("a-open", "dc1", "door-1", "L-OK", 5, 0, null, true, "p", T0));
    auths.add(new ShipmentAuthorisation("a-soon", "dc1", "door-1", "L-OK", 1, 0, T0.plusSeconds(60), true, "p", T0));

    UnexpectedExitRule.Verdict v = rule(true).check(out(epc(1), epc(2)));

    assertThat(v.anomalies()).isEmpty();
    assertThat(v.allocations()).containsExactly(new UnexpectedExitRule.Allocation("a-soon", "L-OK", 1),
        new UnexpectedExitRule.Allocation("a-open", "L-OK", 1));
  }

  @Test
  void check_authorisationUsedUpByEarlierMovements_raises() {
    lot("L-OK", LotStatus.ACTIVE, null);
    auths.add(new ShipmentAuthorisation("a1", "dc1", "door-1", "L-OK", 3, 0, null, true, "p", T0));
    UnexpectedExitRule.Verdict first = rule(true).check(out(epc(1), epc(2)));
    first.allocations().forEach(a -> auths.replaceAll(x -> x.id().equals(a.authorisationId()) ? x.withShipped(a.units()) : x));

    List<Anomaly> second = exitAnomalies(rule(true), out(epc(1), epc(2)));

    assertThat(first.anomalies()).isEmpty();
    assertThat(second).singleElement().satisfies(a -> assertThat(a.detail()).contains("leave 1 units, 2 left"));
  }

  @Test
  void check_blockedLot_allocatesNothing() {
    lot("L-BAD", LotStatus.LOCKED, null);

    assertThat(rule(true).check(out(epc(3))).allocations()).isEmpty();
  }
}
