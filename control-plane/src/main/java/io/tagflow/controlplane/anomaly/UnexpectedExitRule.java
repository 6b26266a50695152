package io.tagflow.controlplane.anomaly;

import io.tagflow.controlplane.model.AuthorisationLookup;
import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotLookup;
import io.tagflow.controlplane.model.LotStatus;
import io.tagflow.controlplane.model.ShipmentAuthorisation;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.controlplane.model.TagLookup;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.TagObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 *   <li>the site enforces authorisations and what remains of the open authorisations for that door and
 *       lot, valid at the movement's end, is less than the units the movement carries (a warning).</li>
 * </ul>
 * An authorised exit comes back as {@link Allocation}s: which authorisations the units are charged to
 * (those ending soonest first), for the caller to record, so that an authorisation for 100 units lets
 * 100 leave over any number of movements and no more.
 *
 * <p>Judgements use the movement's event time ({@code endedAt}), not the clock, so replaying a movement
 * gives the same verdict (given the same recorded allocations). Tags not in the registry are the
 * {@link UnregisteredTagRule}'s business; a registered tag whose lot record is missing is judged by
 * authorisations only.
 */
public final class UnexpectedExitRule {
  private static final Comparator<ShipmentAuthorisation> ENDING_SOONEST = Comparator
      .comparing((ShipmentAuthorisation a) -> a.validUntil() == null ? Instant.MAX : a.validUntil())
      .thenComparing(ShipmentAuthorisation::createdAt).thenComparing(ShipmentAuthorisation::id);

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

  /** {@code units} of a movement charged to authorisation {@code authorisationId}. */
  public record Allocation(String authorisationId, String lotId, int units) {
  }

  /** The anomalies a movement raises and the allocations of its authorised lots. */
  public record Verdict(List<Anomaly> anomalies, List<Allocation> allocations) {
    public Verdict {
      anomalies = List.copyOf(anomalies);
      allocations = List.copyOf(allocations);
    }
  }

  /** Judges one movement; an empty verdict for IN movements. May block on lookups. */
  public Verdict check(MovementEvent m) {
    return check(m, lots);
  }

  /**
   * As {@link #check(MovementEvent)}, with the lots looked up in {@code batchLots} (say those of the
   * movement's batch, loaded at once) instead of the rule's own look-up.
   */
  public Verdict check(MovementEvent m, LotLookup batchLots) {
    if (m.direction() != Direction.OUT) {
      return new Verdict(List.of(), List.of());
    }
    Map<String, List<String>> epcsByLot = new TreeMap<>();
    for (TagObservation t : m.tags()) {
      registry.lotOf(t.epc()).ifPresent(lot -> epcsByLot.computeIfAbsent(lot, l -> new ArrayList<>()).add(t.epc()));
    }
    if (epcsByLot.isEmpty()) {
      return new Verdict(List.of(), List.of());
    }
    Instant at = m.endedAt();
    boolean enforce = layouts.apply(m.site()).map(SiteLayout::enforceAuthorisations).orElse(false);
    List<ShipmentAuthorisation> open = enforce ? authorisations.openFor(m.site(), m.door()) : List.of();
    List<Anomaly> raised = new ArrayList<>();
    List<Allocation> allocations = new ArrayList<>();
    epcsByLot.forEach((lotId, epcs) -> {
      Optional<Lot> lot = batchLots.find(lotId);
      String reason = null;
      Severity severity = Severity.WARNING;
      if (lot.isPresent() && lot.get().blocksExitAt(at)) {
        Lot l = lot.get();
        reason = l.expiredAt(at) && l.status() == LotStatus.ACTIVE ? "expired on " + l.expiresOn() : l.status().wire();
        if (l.status() == LotStatus.RECALLED || l.status() == LotStatus.QUARANTINED) {
          severity = Severity.CRITICAL;
        }
      } else if (enforce) {
        List<ShipmentAuthorisation> covering = open.stream().filter(a -> a.covers(m.door(), lotId, at))
            .sorted(ENDING_SOONEST).toList();
        int allowed = covering.stream().mapToInt(ShipmentAuthorisation::remaining).sum();
        if (allowed < epcs.size()) {
          reason = allowed == 0 ? "no open shipment authorisation for this door with units left"
              : "authorisations leave " + allowed + " units, " + epcs.size() + " left";
        } else {
          allocate(lotId, epcs.size(), covering, allocations);
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
    return new Verdict(raised, allocations);
  }

  private static void allocate(String lotId, int units, List<ShipmentAuthorisation> covering, List<Allocation> into) {
    int left = units;
    for (ShipmentAuthorisation a : covering) {
      int take = Math.min(left, a.remaining());
      if (take > 0) {
        into.add(new Allocation(a.id(), lotId, take));
        left -= take;
      }
    }
  }
}
