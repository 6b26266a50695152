package io.tagflow.gateway.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagflow.gateway.delivery.MqttPublisher;
import io.tagflow.gateway.delivery.OutboxFullException;
import io.tagflow.gateway.delivery.OutboxMessage;
import io.tagflow.gateway.pipeline.DecisionListener;
import io.tagflow.gateway.pipeline.LocationDecision;
import io.tagflow.gateway.pipeline.MovedTag;
import io.tagflow.gateway.pipeline.MovementDecision;
import io.tagflow.gateway.pipeline.StagedDecision;
import io.tagflow.protocol.epc.Sscc;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.EventSchema;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.MovementEvidence;
import io.tagflow.protocol.event.TagObservation;
import io.tagflow.protocol.event.Topics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the pipeline's decisions into contract events (io.tagflow.protocol.event) and hands them to the
 * publisher's outbox. The event id is minted here, once, before the append: a replay after a crash or
 * reconnect publishes the same id, which is what consumers deduplicate by.
 *
 * <p>Runs on the pipeline's thread. An append that fails (outbox full, disk error) is logged once per
 * streak and counted ({@code tagflow.outbox.rejected}, {@code tagflow.events.failed}); the pipeline
 * goes on with the next decision.
 */
public final class EventPublisher implements DecisionListener {
  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
  private static final String SSCC_URI = "urn:epc:id:sscc:";

  private final String site;
  private final String gateway;
  private final Topics topics;
  private final EventCodec codec;
  private final EventIds ids;
  private final MqttPublisher publisher;
  private final Map<Direction, Counter> movements = new EnumMap<>(Direction.class);
  private final Counter locations;
  private final Counter staged;
  private final Counter failed;
  private boolean failing;

  public EventPublisher(String site, String gateway, Topics topics, EventCodec codec, EventIds ids,
                        MqttPublisher publisher, MeterRegistry registry) {
    this.site = site;
    this.gateway = gateway;
    this.topics = topics;
    this.codec = codec;
    this.ids = ids;
    this.publisher = publisher;
    for (Direction d : Direction.values()) {
      movements.put(d, Counter.builder("tagflow.movements").tag("direction", d.name())
          .description("Movements decided, by direction").register(registry));
    }
    this.locations = Counter.builder("tagflow.locations").description("Bin changes decided").register(registry);
    this.staged = Counter.builder("tagflow.staged").description("Tags staged at a door without crossing").register(registry);
    this.failed = Counter.builder("tagflow.events.failed")
        .description("Decisions that could not be stored in the outbox").register(registry);
  }

  @Override
  public void onMovement(MovementDecision m) {
    Direction direction = m.direction() == io.tagflow.gateway.pipeline.Direction.IN ? Direction.IN : Direction.OUT;
    List<TagObservation> tags = new ArrayList<>(m.tags().size());
    for (MovedTag t : m.tags()) {
      tags.add(observation(t));
    }
    // The contract bounds tags per event; a larger load is published as several movements.
    for (int from = 0; from < tags.size(); from += EventSchema.MAX_TAGS_PER_MOVEMENT) {
      List<TagObservation> part = tags.subList(from, Math.min(tags.size(), from + EventSchema.MAX_TAGS_PER_MOVEMENT));
      MovementEvent event = MovementEvent.builder()
          .movementId(ids.next()).site(site).gateway(gateway).door(m.door()).direction(direction)
          .confidence(Math.max(0, Math.min(1, m.confidence()))).startedAt(m.startedAt()).endedAt(m.endedAt())
          .palletSscc(sscc(m.palletSscc())).tags(part)
          // The pipeline's decision carries a text summary, not per-side read counts.
          .evidence(new MovementEvidence(0, 0, 0.0, truncate(m.evidence())))
          .build();
      if (append(OutboxMessage.of(topics.movements(site, gateway), codec.encode(event)), "movement")) {
        movements.get(direction).increment();
      }
    }
  }

  @Override
  public void onLocationChanged(LocationDecision l) {
    LocationEvent event = LocationEvent.of(ids.next(), site, gateway, l.epcHex(), l.bin(), l.fromBin(), l.at(),
        Math.max(0, Math.min(1, l.confidence())));
    if (append(OutboxMessage.of(topics.locations(site, gateway), codec.encode(event)), "location")) {
      locations.increment();
    }
  }

  @Override
  public void onTagStaged(StagedDecision s) {
    // The event contract has no staged event yet; it is counted and logged for tuning.
    staged.increment();
    log.debug("Tag {} staged at door {} ({}, {})", s.epcHex(), s.door(), s.side(), s.reason());
  }

  private boolean append(OutboxMessage message, String what) {
    try {
      publisher.publish(message);
      if (failing) {
        failing = false;
        log.info("Events are stored in the outbox again");
      }
      return true;
    } catch (OutboxFullException e) {
      return failed(what, e.getMessage());
    } catch (IOException | IllegalStateException e) {
      return failed(what, e.getMessage());
    }
  }

  private boolean failed(String what, String reason) {
    failed.increment();
    if (!failing) {
      failing = true;
      log.error("A {} event could not be stored and is lost: {} (further failures are counted in "
          + "tagflow.events.failed until one succeeds)", what, reason);
    }
    return false;
  }

  private static TagObservation observation(MovedTag t) {
    String uri = t.uri() != null && t.uri().startsWith("urn:epc:id:") ? t.uri() : null;
    return new TagObservation(t.epcHex(), uri, t.firstSeen(), t.lastSeen().isBefore(t.firstSeen()) ? t.firstSeen() : t.lastSeen(),
        Math.max(1, t.reads()), t.peakRssiDbm());
  }

  /** The 18-digit SSCC from its pure-identity URI ({@code urn:epc:id:sscc:CompanyPrefix.SerialReference}). */
  static String sscc(String uri) {
    if (uri == null || !uri.startsWith(SSCC_URI)) {
      return null;
    }
    String[] parts = uri.substring(SSCC_URI.length()).split("\\.");
    if (parts.length != 2) {
      return null;
    }
    try {
      return new Sscc(0, parts[0], parts[1]).sscc();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
  }
}
