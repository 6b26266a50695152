package io.tagflow.gateway.pipeline;

import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.MovementEvidence;
import io.tagflow.protocol.event.TagObservation;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the pipeline's decisions onto the published event contract (io.tagflow.protocol.event,
 * docs/events.md), minting each event's UUIDv7 id here: call it once per decision and keep the event
 * (its id is the idempotency key for re-publishing).
 *
 * <p>Staged decisions have no event type in the contract (v1) and are not mapped. Tags whose EPC is
 * not a known scheme carry no URI ({@code uri} null, as the contract allows). Names (site, gateway,
 * door, bin) must satisfy the contract's id rule; the event constructors throw {@link
 * IllegalArgumentException} naming the field otherwise.
 */
public final class DecisionMapper {
  private final String site;
  private final String gateway;
  private final EventIds ids;

  public DecisionMapper(String site, String gateway, EventIds ids) {
    this.site = site;
    this.gateway = gateway;
    this.ids = ids;
  }

  public MovementEvent toEvent(MovementDecision d) {
    List<TagObservation> tags = new ArrayList<>(d.tags().size());
    for (MovedTag t : d.tags()) {
      tags.add(new TagObservation(t.epcHex(), pureUri(t.uri()), t.firstSeen(), t.lastSeen(),
          t.reads(), t.peakRssiDbm()));
    }
    return MovementEvent.builder()
        .movementId(ids.next())
        .site(site)
        .gateway(gateway)
        .door(d.door())
        .direction(d.direction() == Direction.IN
            ? io.tagflow.protocol.event.Direction.IN : io.tagflow.protocol.event.Direction.OUT)
        .confidence(d.confidence())
        .startedAt(d.startedAt())
        .endedAt(d.endedAt())
        .palletSscc(d.palletSscc())
        .tags(tags)
        .evidence(new MovementEvidence(d.insideReads(), d.outsideReads(), d.rssiTrendDb(),
            d.arbitration()))
        .build();
  }

  public LocationEvent toEvent(LocationDecision d) {
    return LocationEvent.of(ids.next(), site, gateway, d.epcHex(), d.bin(), d.fromBin(), d.at(),
        d.confidence());
  }

  private static String pureUri(String uri) {
    return uri.startsWith("urn:epc:id:") ? uri : null;
  }
}
