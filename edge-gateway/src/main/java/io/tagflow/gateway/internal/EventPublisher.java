package io.tagflow.gateway.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagflow.gateway.delivery.OutboxMessage;
import io.tagflow.gateway.delivery.OutboxWriter;
import io.tagflow.gateway.pipeline.DecisionListener;
import io.tagflow.gateway.pipeline.DecisionMapper;
import io.tagflow.gateway.pipeline.LocationDecision;
import io.tagflow.gateway.pipeline.MovementDecision;
import io.tagflow.gateway.pipeline.StagedDecision;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.Topics;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the pipeline's decisions into contract events (with the pipeline's {@link DecisionMapper}) and
 * hands them to the publisher's outbox. The event id is minted once, before the append: a replay after a
 * crash or reconnect publishes the same bytes with the same id, which is what consumers deduplicate by.
 *
 * <p>Runs on the pipeline's thread, which it never blocks on the disk: events go to the {@link
 * OutboxWriter}, which writes and fsyncs them in batches on its own threads (the broker may get an
 * event before its fsync returns); an event is counted
 * ({@code tagflow.movements}, {@code tagflow.locations}) only once it is durable. An append that fails
 * (outbox full, disk error, writer queue full) is logged once per streak and counted ({@code
 * tagflow.outbox.rejected}, {@code tagflow.events.failed}); the pipeline goes on with the next
 * decision.
 */
public final class EventPublisher implements DecisionListener {
  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

  private final String site;
  private final String gateway;
  private final Topics topics;
  private final EventCodec codec;
  private final DecisionMapper mapper;
  private final OutboxWriter writer;
  private final Map<Direction, Counter> movements = new EnumMap<>(Direction.class);
  private final Counter locations;
  private final Counter staged;
  private final Counter failed;
  /** Written by the pipeline thread (contract errors) and the writer thread (store outcomes). */
  private final AtomicBoolean failing = new AtomicBoolean();

  public EventPublisher(String site, String gateway, Topics topics, EventCodec codec, EventIds ids,
                        OutboxWriter writer, MeterRegistry registry) {
    this.site = site;
    this.gateway = gateway;
    this.topics = topics;
    this.codec = codec;
    this.mapper = new DecisionMapper(site, gateway, ids);
    this.writer = writer;
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
    MovementEvent event;
    try {
      event = mapper.toEvent(m);
    } catch (IllegalArgumentException e) {
      failed("movement", "it does not fit the event contract: " + e.getMessage());
      return;
    }
    append(OutboxMessage.of(topics.movements(site, gateway), codec.encode(event)), "movement",
        movements.get(event.direction()));
  }

  @Override
  public void onLocationChanged(LocationDecision l) {
    LocationEvent event;
    try {
      event = mapper.toEvent(l);
    } catch (IllegalArgumentException e) {
      failed("location", "it does not fit the event contract: " + e.getMessage());
      return;
    }
    append(OutboxMessage.of(topics.locations(site, gateway), codec.encode(event)), "location", locations);
  }

  @Override
  public void onTagStaged(StagedDecision s) {
    // The event contract has no staged event yet; it is counted and logged for tuning.
    staged.increment();
    log.debug("Tag {} staged at door {} ({}, {})", s.epcHex(), s.door(), s.side(), s.reason());
  }

  /** Hands the event to the writer; {@code emitted} counts it once it is durable. */
  private void append(OutboxMessage message, String what, Counter emitted) {
    writer.submit(message).whenComplete((sequence, error) -> {
      if (error == null) {
        emitted.increment();
        if (failing.compareAndSet(true, false)) {
          log.info("Events are stored in the outbox again");
        }
      } else {
        failed(what, error.getMessage());
      }
    });
  }

  private boolean failed(String what, String reason) {
    failed.increment();
    if (failing.compareAndSet(false, true)) {
      log.error("A {} event could not be stored and is not guaranteed to be delivered: {} (further failures are"
          + " counted in tagflow.events.failed until one succeeds)", what, reason);
    }
    return false;
  }
}
