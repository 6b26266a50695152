package io.tagflow.sim.truth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every true event of a scene, in time order (ties keep the order they were planned in). */
public record GroundTruth(List<TruthEvent> events) {
  public GroundTruth {
    List<TruthEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(TruthEvent::atMicros));
    events = List.copyOf(sorted);
  }

  /** The door crossings only. */
  public List<DoorCrossing> crossings() {
    return events.stream().filter(DoorCrossing.class::isInstance).map(DoorCrossing.class::cast).toList();
  }

  /** The bin placements only. */
  public List<BinPlacement> placements() {
    return events.stream().filter(BinPlacement.class::isInstance).map(BinPlacement.class::cast).toList();
  }
}
