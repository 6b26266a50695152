package io.tagflow.sim.scenario;

import java.util.List;

/**
 * A dock door in the wall {@code y = 0}: its opening spans {@code x ± width/2}. The trailer docked at it
 * is {@code trailerDepthM} metres into the yard.
 *
 * @param id door id, as the gateway names it
 * @param x centre of the opening along the wall, metres
 * @param width opening width, metres
 * @param trailerDepthM where a pallet stands in the docked trailer, metres from the wall
 * @param antennas its portal antennas, OUTSIDE and INSIDE
 */
public record Door(String id, Double x, Double width, Double trailerDepthM, List<Antenna> antennas) {
  public static final double DEFAULT_WIDTH_M = 3.0;
  public static final double DEFAULT_TRAILER_DEPTH_M = 4.0;

  public Door {
    width = width == null ? DEFAULT_WIDTH_M : width;
    trailerDepthM = trailerDepthM == null ? DEFAULT_TRAILER_DEPTH_M : trailerDepthM;
    antennas = antennas == null ? List.of() : List.copyOf(antennas);
  }

  /** True when {@code px} lies within the opening. */
  public boolean spans(double px) {
    return Math.abs(px - x) <= width / 2;
  }
}
