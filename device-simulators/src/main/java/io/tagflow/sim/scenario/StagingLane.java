package io.tagflow.sim.scenario;

/**
 * A floor lane beside a door where pallets wait before or after crossing it.
 *
 * @param id lane id
 * @param door the door it serves (informational; pallets may also stage there and never cross)
 * @param position where a pallet stands in it, metres (inside: {@code y > 0})
 */
public record StagingLane(String id, String door, Point position) {
}
