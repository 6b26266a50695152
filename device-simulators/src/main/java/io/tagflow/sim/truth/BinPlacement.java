package io.tagflow.sim.truth;

import java.time.Instant;
import java.util.List;

/**
 * A pallet set down in a bin at the end of a flow (or standing there at time zero).
 *
 * @param at when it was set down
 * @param atMicros the same in virtual microseconds
 * @param pallet pallet id
 * @param sscc 18-digit SSCC
 * @param lots lots on the pallet
 * @param bin the bin
 * @param epcs tags on the pallet
 */
public record BinPlacement(Instant at, long atMicros, String pallet, String sscc, List<String> lots, String bin,
                           List<String> epcs) implements TruthEvent {
  public BinPlacement {
    lots = List.copyOf(lots);
    epcs = List.copyOf(epcs);
  }
}
