package io.tagflow.sim.score;

import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.TagObservation;
import java.time.Instant;
import java.util.List;

/**
 * What the scorer needs of a gateway's movement event; any source of movements (the event contract's
 * {@link MovementEvent}, a CSV export, a test) maps onto it.
 *
 * @param id the event's id, for the report
 * @param door the door the gateway attributed it to
 * @param direction IN or OUT
 * @param startedAt first read
 * @param endedAt last read
 * @param decidedAt when the gateway concluded the movement (for latency)
 * @param palletSscc the pallet's 18-digit SSCC when the gateway saw the label, else null
 * @param epcs the tags, hex
 */
public record ObservedMovement(String id, String door, Direction direction, Instant startedAt, Instant endedAt,
                               Instant decidedAt, String palletSscc, List<String> epcs) {
  public ObservedMovement {
    epcs = epcs.stream().map(e -> e.toUpperCase(java.util.Locale.ROOT)).toList();
  }

  /**
   * Maps a contract event. The decision time is the timestamp in its UUIDv7 movement id, which the
   * gateway mints when it concludes the movement (MovementEvent's contract).
   */
  public static ObservedMovement of(MovementEvent e) {
    return new ObservedMovement(e.movementId().toString(), e.door(), e.direction(), e.startedAt(), e.endedAt(),
        EventIds.timestampOf(e.movementId()), e.palletSscc(), e.tags().stream().map(TagObservation::epc).toList());
  }
}
