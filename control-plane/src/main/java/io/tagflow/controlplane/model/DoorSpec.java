package io.tagflow.controlplane.model;

import java.util.List;

/**
 * A dock door and the read points in front of it.
 *
 * @param id the door id, as it appears in {@code MovementEvent.door}
 * @param stagingPoints the read-point ids (as they appear in {@code LocationEvent.bin}) of the staging
 *     lane in front of this door: a tag located at one of them, or at the door id itself, is "at the
 *     door" for the dwell rule
 * @param x where the map draws it, metres from the site's west wall; null when not placed
 * @param y where the map draws it, metres from the site's north wall; null when not placed (both or neither)
 */
public record DoorSpec(String id, List<String> stagingPoints, Double x, Double y) {
  public DoorSpec {
    Ids.require("door id", id);
    stagingPoints = stagingPoints == null ? List.of() : List.copyOf(stagingPoints);
    stagingPoints.forEach(p -> Ids.require("staging point of door " + id, p));
    MapPoints.require("door " + id, x, y);
  }

  /** A door with no place on the map (the map puts such doors along the bottom wall). */
  public DoorSpec(String id, List<String> stagingPoints) {
    this(id, stagingPoints, null, null);
  }
}
