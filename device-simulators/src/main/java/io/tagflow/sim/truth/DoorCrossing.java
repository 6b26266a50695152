package io.tagflow.sim.truth;

import io.tagflow.protocol.event.Direction;
import java.time.Instant;
import java.util.List;

/**
 * A pallet's centre crossed the dock wall ({@code y = 0}) through a door's opening.
 *
 * @param at the instant of crossing
 * @param atMicros the same in virtual microseconds
 * @param pallet pallet id
 * @param sscc 18-digit SSCC
 * @param lots lots on the pallet
 * @param door the door crossed
 * @param direction IN (yard to warehouse) or OUT
 * @param epcs tags on the pallet
 */
public record DoorCrossing(Instant at, long atMicros, String pallet, String sscc, List<String> lots, String door,
                           Direction direction, List<String> epcs) implements TruthEvent {
  public DoorCrossing {
    lots = List.copyOf(lots);
    epcs = List.copyOf(epcs);
  }
}
