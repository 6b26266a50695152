package io.tagflow.controlplane;

import io.tagflow.controlplane.anomaly.Anomaly;
import io.tagflow.controlplane.anomaly.AnomalyService;
import io.tagflow.controlplane.anomaly.AnomalyStatus;
import io.tagflow.controlplane.anomaly.BinOverCapacityRule;
import io.tagflow.controlplane.anomaly.DeviceVerdict;
import io.tagflow.controlplane.anomaly.DoorDwellRule;
import io.tagflow.controlplane.anomaly.GatewayOfflineRule;
import io.tagflow.controlplane.anomaly.ReaderOfflineRule;
import io.tagflow.controlplane.anomaly.UnexpectedExitRule;
import io.tagflow.controlplane.anomaly.UnregisteredTagRule;
import io.tagflow.controlplane.feed.LiveDelta;
import io.tagflow.controlplane.feed.LiveFeed;
import io.tagflow.controlplane.live.LiveState;
import io.tagflow.controlplane.live.Observation;
import io.tagflow.controlplane.live.PositionChange;
import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotLookup;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.controlplane.repository.AuthorisationRepository;
import io.tagflow.controlplane.repository.LotRepository;
import io.tagflow.controlplane.repository.TagRepository;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.Event;
import io.tagflow.protocol.event.GatewayHealthEvent;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.ReaderStatusEvent;
import io.tagflow.protocol.event.TagObservation;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the control plane does with each accepted event, after the ingest has stored it: update the
 * live state, run the anomaly rules, and publish deltas to the live feed.
 *
 * <p>Contract for the ingest: call {@link #accept} once per event after it is durably stored, from a
 * worker thread (it blocks on registry and lot lookups and on storing anomalies), in any order.
 * Pass each movement once, when it is new to the store ({@code StoredBatch.newMovements}): an authorised
 * exit charges its units to shipment authorisations. Other events may be passed again harmlessly (live
 * state is last-writer-wins, anomaly ids are derived from the event). Call {@link #checkTimers} periodically (every few seconds) for time-based rules. Thread-safe.
 */
public final class EventProcessor {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EventProcessor.class);
  private final LiveState live;
  private final LiveFeed feed;
  private final AnomalyService anomalies;
  private final UnexpectedExitRule unexpectedExit;
  private final UnregisteredTagRule unregistered;
  private final BinOverCapacityRule overCapacity = new BinOverCapacityRule();
  private final ReaderOfflineRule readerOffline = new ReaderOfflineRule();
  private final GatewayOfflineRule gatewayOffline;
  private final Map<String, DoorDwellRule> dwell;
  private final AuthorisationRepository authorisations;
  private final TagRepository tags;
  private final LotRepository lots;

  public EventProcessor(List<SiteLayout> layouts, LiveState live, LiveFeed feed, AnomalyService anomalies,
      TagRepository tags, LotRepository lots, AuthorisationRepository authorisations, Duration doorDwell,
      Clock clock) {
    this.live = live;
    this.feed = feed;
    this.anomalies = anomalies;
    this.authorisations = authorisations;
    this.tags = tags;
    this.lots = lots;
    Map<String, SiteLayout> bySite = layouts.stream().collect(Collectors.toMap(SiteLayout::id, Function.identity()));
    this.unexpectedExit = new UnexpectedExitRule(tags, lots, authorisations, s -> Optional.ofNullable(bySite.get(s)));
    this.unregistered = new UnregisteredTagRule(tags);
    this.gatewayOffline = new GatewayOfflineRule(clock);
    this.dwell = layouts.stream().collect(Collectors.toMap(SiteLayout::id, l -> new DoorDwellRule(l, doorDwell, clock)));
  }

  /**
   * Loads the registry entries of the tags of events about to be {@linkplain #accept accepted} in bulk
   * (see {@link TagRepository#prefetch}): a batch of 500 movements of 20 fresh tags would otherwise cost
   * 10,000 single-row look-ups before its movements reach the live feed.
   */
  public void prefetch(java.util.Collection<String> epcs) {
    tags.prefetch(epcs);
  }

  /** Handles one stored event of any kind. */
  public void accept(Event event) {
    acceptAll(List.of(event));
  }

  /**
   * Handles stored events in order. The anomalies they raise are stored together at the end, in one
   * transaction ({@link AnomalyService#raiseAll}): an anomaly storm (say every movement carrying
   * unregistered tags) then costs one commit per batch instead of one per movement.
   */
  public void acceptAll(List<? extends Event> events) {
    List<Anomaly> raised = new ArrayList<>();
    LotLookup batchLots = lotsOfExits(events);
    for (Event event : events) {
      if (event instanceof MovementEvent m) {
        onMovement(m, raised, batchLots);
      } else if (event instanceof LocationEvent l) {
        observe(new Observation(l.site(), l.epc(), l.bin(), Observation.Via.LOCATION, l.at(), l.eventId().toString()),
            raised);
      } else if (event instanceof ReaderStatusEvent r) {
        apply(readerOffline.check(r), raised);
      } else if (event instanceof GatewayHealthEvent g) {
        apply(gatewayOffline.check(g), raised);
      }
    }
    anomalies.raiseAll(raised);
    feed.flush();
  }

  /**
   * The lots of the registered tags of the OUT movements among {@code events}, loaded in one look-up
   * (the exit rule judges each such movement by its lots: one query per movement held every later
   * movement of the batch, and its live-feed delta, back). A lot not among them is looked up singly.
   */
  private LotLookup lotsOfExits(List<? extends Event> events) {
    Set<String> ids = new HashSet<>();
    for (Event e : events) {
      if (e instanceof MovementEvent m && m.direction() == Direction.OUT) {
        m.tags().forEach(t -> tags.lotOf(t.epc()).ifPresent(ids::add));
      }
    }
    if (ids.isEmpty()) {
      return lots;
    }
    Map<String, Lot> found = lots.findAll(ids);
    return id -> ids.contains(id) ? Optional.ofNullable(found.get(id)) : lots.find(id);
  }

  private void onMovement(MovementEvent m, List<Anomaly> raised, LotLookup batchLots) {
    Observation.Via via = m.direction() == Direction.IN ? Observation.Via.MOVEMENT_IN : Observation.Via.MOVEMENT_OUT;
    String id = m.movementId().toString();
    for (TagObservation t : m.tags()) {
      // The tag's last read, as the store's tag_locations records it, so a rebuild gives the same state.
      observe(new Observation(m.site(), t.epc(), m.door(), via, t.lastSeen(), id), raised);
    }
    feed.publish(new LiveDelta.Movement(m.site(), m));
    raised.addAll(unregistered.check(m));
    UnexpectedExitRule.Verdict exit = unexpectedExit.check(m, batchLots);
    raised.addAll(exit.anomalies());
    for (UnexpectedExitRule.Allocation a : exit.allocations()) {
      // Only a movement new to the store comes here (EventListener), so units are charged once. A charge
      // that no longer fits (another instance charged the same authorisation meanwhile) is logged.
      if (!authorisations.consume(a.authorisationId(), a.units())) {
        log.warn("Movement {}: {} units of lot {} no longer fit authorisation {}", m.movementId(), a.units(),
            a.lotId(), a.authorisationId());
      }
    }
  }

  private void observe(Observation o, List<Anomaly> raised) {
    Optional<PositionChange> change = live.apply(o);
    if (change.isEmpty()) {
      return;
    }
    change.get().bins().forEach(b -> feed.publish(new LiveDelta.Occupancy(o.site(), b)));
    raised.addAll(overCapacity.check(o.site(), change.get()));
    DoorDwellRule d = dwell.get(o.site());
    if (d != null) {
      d.onChange(o, change.get());
    }
  }

  /** Runs the time-based rules (door dwell) against the clock. Call it every few seconds from a worker. */
  public void checkTimers() {
    List<Anomaly> raised = new ArrayList<>();
    dwell.values().forEach(d -> raised.addAll(d.check()));
    anomalies.raiseAll(raised);
  }

  private void apply(DeviceVerdict verdict, List<Anomaly> raised) {
    raised.addAll(verdict.raised());
    if (verdict.recovered().isEmpty()) {
      return;
    }
    // A recovery may resolve an anomaly raised earlier in the same batch: store what is pending first.
    anomalies.raiseAll(raised);
    raised.clear();
    // Already resolved (or acknowledged and resolved) by a person: NOT_ALLOWED, nothing to do.
    verdict.recovered().forEach(id -> anomalies.changeStatus(id, AnomalyStatus.RESOLVED, Anomaly.SYSTEM));
  }
}
