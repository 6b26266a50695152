package io.tagflow.controlplane.store;

import java.util.List;

/**
 * Where a lot went: its movements, oldest first, and where its tags are now.
 *
 * @param truncated true when the lot had more than the requested number of movements and only the
 *     oldest ones are listed
 */
public record LotTrace(Lot lot, List<LotMovement> movements, List<TagLocation> locations, boolean truncated) {
  public LotTrace {
    movements = List.copyOf(movements);
    locations = List.copyOf(locations);
  }
}
