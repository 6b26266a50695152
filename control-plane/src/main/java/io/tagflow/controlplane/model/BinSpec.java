package io.tagflow.controlplane.model;

/**
 * One storage location of a site and how many tagged units (cases, or pallets where only pallets are
 * tagged) it holds when full.
 *
 * @param id bin id
 * @param capacity units it holds when full
 * @param x where the map draws it, metres from the site's west wall; null when not placed
 * @param y where the map draws it, metres from the site's north wall; null when not placed (both or neither)
 */
public record BinSpec(String id, int capacity, Double x, Double y) {
  public BinSpec {
    Ids.require("bin id", id);
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity of bin " + id + " must be positive (got " + capacity + ")");
    }
    MapPoints.require("bin " + id, x, y);
  }

  /** A bin with no place on the map (the map lays such bins out in a grid). */
  public BinSpec(String id, int capacity) {
    this(id, capacity, null, null);
  }
}
