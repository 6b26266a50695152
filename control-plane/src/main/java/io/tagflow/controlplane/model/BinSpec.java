package io.tagflow.controlplane.model;

/**
 * One storage location of a site and how many tagged units (cases, or pallets where only pallets are
 * tagged) it holds when full.
 */
public record BinSpec(String id, int capacity) {
  public BinSpec {
    Ids.require("bin id", id);
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity of bin " + id + " must be positive (got " + capacity + ")");
    }
  }
}
