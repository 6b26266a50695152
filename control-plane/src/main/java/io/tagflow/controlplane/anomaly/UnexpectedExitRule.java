package io.tagflow.controlplane.anomaly;

import io.tagflow.controlplane.model.AuthorisationLookup;
import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotLookup;
import io.tagflow.controlplane.model.ShipmentAuthorisation;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.controlplane.model.TagLookup;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.TagObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Raises {@link AnomalyType#UNEXPECTED_EXIT} for an OUT movement, once per lot it carries, when
 * <ul>
 *   <li>the lot is locked, quarantined or recalled, or past its expiry day (critical for recalled and
 *       quarantined lots, a warning otherwise); or</li>
 *   <li>the site enforces authorisations and the open authorisations for that door and lot, valid at the
 *       movement's end, allow fewer units than the movement carries (a warning).</li>
 * </ul>
 * Judgements use the movement's event time ({@code endedAt}), not the clock, so replaying a movement
 * raises the same anomalies. Tags not in the registry are the {@link UnregisteredTagRule}'s business; a
 * registered tag whose lot record is missing is judged by authorisations only.
 */
public final class UnexpectedExitRule {
  private final TagLookup registry;
  private final LotLookup lots;
  private final AuthorisationLookup authorisations;
  private final Function<String, Optional<SiteLayout>> layouts;

  public UnexpectedExitRule(TagLookup registry, LotLookup lots, AuthorisationLookup authorisations,
      Function<String, Optional<SiteLayout>> layouts) {
    this.registry = registry;
    this.lots = lots;
    this.authorisations = authorisations;
    this.layouts = layouts;
  }

  /** Anomalies raised by one movement; empty for IN movements and clean exits. May block on lookups. */
  public List<Anomaly> check(MovementEvent m) {
    if (m.direction() != Direction.OUT) {
      return List.of();
    }
    Map<String, List<String>> epcsByLot = new TreeMap<>();
    for (TagObservation t : m.tags()) {
      registry.lotOf(t.epc()).ifPresent(lot -> epcsByLot.computeIfAbsent(lot, l -> new ArrayList<>()).add(t.epc()));
    }
    if (epcsByLot.isEmpty()) {
      return List.of();
    }
    Instant at = m.endedAt();
    boolean enforce = layouts.apply(m.site()).map(SiteLayout::enforceAuthorisations).orElse(false);
    List<ShipmentAuthorisation> open = enforce ? authorisations.openFor(m.site(), m.door()) : List.of();
    List<Anomaly> raised = new ArrayList<>();
    epcsByLot.forEach((lotId, epcs) -> {
      Optional<Lot> lot = lots.find(lotId);
      String reason = null;
      Severity severity = Severity.WARNING;
      if (lot.isPresent() && lot.get().blocksExitAt(at)) {
        Lot l = lot.get();
        reason = l.expiredAt(at) && l.status() == io.tagflow.controlplane.model.LotStatus.ACTIVE
            ? "expired on " + l.expiresOn() : l.status().wire();
        if (l.status() == io.tagflow.controlplane.model.LotStatus.RECALLED
            || l.status() == io.tagflow.controlplane.model.LotStatus.QUARANTINED) {
          severity = Severity.CRITICAL;
        }
      } else if (enforce) {
        int allowed = open.stream().filter(a -> a.covers(m.door(), lotId, at))
            .mapToInt(ShipmentAuthorisation::quantity).sum();
        if (allowed < epcs.size()) {
          reason = allowed == 0 ? "no open shipment authorisation for this door"
              : "authorised " + allowed + " units, " + epcs.size() + " left";
        }
      }
      if (reason != null) {
        raised.add(Anomaly.builder(AnomalyType.UNEXPECTED_EXIT, m.site(), at)
            .key(m.movementId() + "\n" + lotId)
            .severity(severity)
            .door(m.door())
            .lot(lotId)
            .epcs(epcs)
            .detail(epcs.size() + " unit(s) of lot " + lotId + " left through door " + m.door() + ": " + reason)
            .build());
      }
    });
    return raised;
  }
}
