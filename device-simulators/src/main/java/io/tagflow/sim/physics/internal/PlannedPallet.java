package io.tagflow.sim.physics.internal;

import java.util.List;

/**
 * A pallet (or a stray tag, as a one-tag "pallet" with no SSCC) as the scene moves it: its tags are
 * {@code [tagStart, tagEnd)} of the {@link TagTable}.
 *
 * @param id pallet id
 * @param sscc 18-digit SSCC, or null for a stray tag
 * @param lots lots of its cases
 * @param track where it is over time
 * @param tagStart first tag index
 * @param tagEnd one past the last tag index
 */
public record PlannedPallet(String id, String sscc, List<String> lots, Track track, int tagStart, int tagEnd) {
  public PlannedPallet {
    lots = List.copyOf(lots);
  }
}
