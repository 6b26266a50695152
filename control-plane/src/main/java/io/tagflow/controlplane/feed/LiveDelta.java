package io.tagflow.controlplane.feed;

import io.tagflow.controlplane.anomaly.Anomaly;
import io.tagflow.controlplane.live.BinOccupancy;
import io.tagflow.protocol.event.MovementEvent;

/** One change of a site, as sent to live-feed clients with its {@link #kind()} as the "kind" field. */
public sealed interface LiveDelta permits LiveDelta.Occupancy, LiveDelta.Movement, LiveDelta.AnomalyChanged {
  String site();

  /** {@code occupancy}, {@code movement} or {@code anomaly}. */
  String kind();

  /** A bin's count changed; carries its new occupancy. */
  record Occupancy(String site, BinOccupancy bin) implements LiveDelta {
    @Override
    public String kind() {
      return "occupancy";
    }
  }

  /** A movement was recorded. */
  record Movement(String site, MovementEvent movement) implements LiveDelta {
    @Override
    public String kind() {
      return "movement";
    }
  }

  /** An anomaly was raised or changed status. */
  record AnomalyChanged(String site, Anomaly anomaly) implements LiveDelta {
    @Override
    public String kind() {
      return "anomaly";
    }
  }
}
