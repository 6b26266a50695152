package io.tagflow.sim.scenario;

/**
 * How pallets move: straight lines between waypoints at a constant speed, with a dwell at each stop.
 *
 * @param speedMps travel speed, metres per second (loaded forklifts on a dock: 1.5..2.5)
 * @param dwellS time spent at a staging lane or bin on the way (set down, pick up), seconds
 */
public record Forklift(Double speedMps, Double dwellS) {
  public static final double DEFAULT_SPEED_MPS = 2.0;
  public static final double DEFAULT_DWELL_S = 20.0;
  public static final Forklift DEFAULT = new Forklift(null, null);

  public Forklift {
    speedMps = speedMps == null ? DEFAULT_SPEED_MPS : speedMps;
    dwellS = dwellS == null ? DEFAULT_DWELL_S : dwellS;
  }
}
