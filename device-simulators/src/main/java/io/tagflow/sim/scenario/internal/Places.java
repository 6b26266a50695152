package io.tagflow.sim.scenario.internal;

import io.tagflow.sim.scenario.Bin;
import io.tagflow.sim.scenario.Door;
import io.tagflow.sim.scenario.Point;
import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.scenario.StagingLane;
import io.tagflow.sim.scenario.Zone;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves waypoint names ({@code trailer:D1}, {@code door:D1}, {@code lane:L1}, {@code bin:B1}) to
 * positions: the height of a pallet's base, 0 except for bins in racks.
 */
public final class Places {
  /** What kind of place a waypoint is. */
  public enum Kind { TRAILER, DOOR, LANE, BIN }

  /** A resolved waypoint. */
  public record Place(String name, Kind kind, String id, Point position) {
  }

  private final Map<String, Place> byName = new HashMap<>();
  private final Map<String, Door> doors = new HashMap<>();

  public Places(Scenario scenario) {
    for (Door d : scenario.doors()) {
      if (d.id() == null || d.x() == null) {
        continue;
      }
      doors.put(d.id(), d);
      add(Kind.TRAILER, d.id(), new Point(d.x(), -d.trailerDepthM(), 0));
      add(Kind.DOOR, d.id(), new Point(d.x(), 0, 0));
    }
    for (StagingLane l : scenario.stagingLanes()) {
      if (l.id() != null && l.position() != null) {
        add(Kind.LANE, l.id(), floor(l.position()));
      }
    }
    for (Zone z : scenario.zones()) {
      for (Bin b : z.bins()) {
        if (b.id() != null && b.position() != null) {
          add(Kind.BIN, b.id(), b.position());
        }
      }
    }
  }

  /** The place a waypoint names, or null when the name is malformed or unknown. */
  public Place resolve(String waypoint) {
    return waypoint == null ? null : byName.get(waypoint);
  }

  /** The door whose opening contains {@code x}, or null. */
  public Door doorAt(double x) {
    for (Door d : doors.values()) {
      if (d.spans(x)) {
        return d;
      }
    }
    return null;
  }

  private void add(Kind kind, String id, Point p) {
    String name = kind.name().toLowerCase(java.util.Locale.ROOT) + ':' + id;
    byName.put(name, new Place(name, kind, id, p));
  }

  private static Point floor(Point p) {
    return new Point(p.x(), p.y(), 0);
  }
}
