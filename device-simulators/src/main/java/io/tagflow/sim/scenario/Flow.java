package io.tagflow.sim.scenario;

import java.util.List;

/**
 * One trip of one pallet along named waypoints, starting at {@code atS} seconds.
 *
 * <p>Waypoints are {@code trailer:D}, {@code door:D} (the middle of door D's opening), {@code lane:L}
 * and {@code bin:B}. A pallet that starts in a trailer appears when the flow starts; one that starts in
 * a lane or bin stands there from time zero. A pallet that ends in a trailer leaves the scene when it
 * is set down there. Door crossings are not declared: the scene finds them where the path crosses the
 * dock wall, so a path that crosses the wall outside every door is rejected.
 *
 * @param pallet pallet id
 * @param atS start time, seconds from the scenario start
 * @param path two or more waypoints (one waypoint: the pallet just stands there)
 * @param dwellS dwell at intermediate lanes and bins, overriding the forklift's
 */
public record Flow(String pallet, Double atS, List<String> path, Double dwellS) {
  public Flow {
    path = path == null ? List.of() : List.copyOf(path);
  }
}
