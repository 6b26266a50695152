package io.tagflow.sim.scenario;

/**
 * A storage bin (a rack slot or a floor location) on the floor map.
 *
 * @param id bin id
 * @param position where a pallet stands in it, metres
 * @param capacity how many pallets it holds at most
 */
public record Bin(String id, Point position, Integer capacity) {
  public Bin {
    capacity = capacity == null ? 1 : capacity;
  }
}
