package io.tagflow.gateway.pipeline;

import java.util.Objects;

/**
 * What one reader antenna watches: one side of a dock door, or one storage zone (a bin). Several
 * antennas may share a read point; their reads are then pooled.
 */
public sealed interface ReadPoint permits ReadPoint.DoorSide, ReadPoint.Zone {

  /** A read point on {@code side} of door {@code door}. */
  static ReadPoint door(String door, Side side) {
    return new DoorSide(door, side);
  }

  /** A read point covering storage zone (bin) {@code zone}. */
  static ReadPoint zone(String zone) {
    return new Zone(zone);
  }

  /** One side of a dock door. */
  record DoorSide(String door, Side side) implements ReadPoint {
    public DoorSide {
      requireName("door", door);
      Objects.requireNonNull(side, "side");
    }
  }

  /** A storage zone or bin. */
  record Zone(String zone) implements ReadPoint {
    public Zone {
      requireName("zone", zone);
    }
  }

  private static void requireName(String what, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(what + " name must not be blank");
    }
  }
}
