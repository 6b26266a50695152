package io.tagflow.controlplane.live;

import java.util.List;

/**
 * The effect of one applied observation.
 *
 * @param previous where the tag was before, nullable (first sighting)
 * @param current where it is now
 * @param bins the new occupancy of every bin whose count changed (the one left and the one entered)
 */
public record PositionChange(TagPosition previous, TagPosition current, List<BinOccupancy> bins) {
  public PositionChange {
    bins = List.copyOf(bins);
  }
}
