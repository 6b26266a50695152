package io.tagflow.sim.scenario;

/**
 * A position or a direction in the site frame, in metres. The frame is fixed for every scenario:
 * {@code x} runs along the dock wall, {@code y} across it (negative is the yard and trailer side, positive
 * the warehouse), {@code z} is height above the floor. The dock wall is the plane {@code y = 0}.
 */
public record Point(double x, double y, double z) {
  /** The Euclidean length of this point taken as a vector. */
  public double length() {
    return Math.sqrt(x * x + y * y + z * z);
  }
}
