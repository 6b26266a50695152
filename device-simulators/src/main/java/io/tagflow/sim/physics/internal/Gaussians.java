package io.tagflow.sim.physics.internal;

/**
 * A cheap, allocation-free standard normal variate from 64 random bits: the Irwin-Hall sum of four
 * 16-bit uniforms, centred and scaled to unit variance. It is bounded by +-2 sqrt(3) (about 3.46
 * sigma) and its tails are slightly light, which the RF model accepts (docs/scenarios.md) in exchange
 * for a few nanoseconds per draw instead of a ziggurat through an interface call.
 */
public final class Gaussians {
  /** The bound of {@link #fromBits}. */
  public static final double MAX = 2 * Math.sqrt(3);
  private static final double SQRT3 = Math.sqrt(3);

  private Gaussians() {
  }

  /** A standard normal variate (mean 0, variance 1) from 64 uniformly random bits. */
  public static double fromBits(long bits) {
    double sum = (bits & 0xFFFF) + ((bits >>> 16) & 0xFFFF) + ((bits >>> 32) & 0xFFFF) + (bits >>> 48);
    // Four uniforms on [0, 1): mean 2, variance 4/12.
    return (sum * (1 / 65536.0) - 2) * SQRT3;
  }
}
