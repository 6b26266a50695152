package io.tagflow.sim.physics.internal;

/**
 * Where a pallet is over time: a piecewise-linear path through timed points, present in the scene
 * from {@code from} (inclusive) to {@code until} (exclusive). Before its first point it stands at the
 * first point, after its last at the last. Immutable; {@link #positionAt} allocates nothing, so any
 * number of reader threads may query it.
 */
public final class Track {
  private final long[] times;
  private final double[] xs;
  private final double[] ys;
  private final double[] zs;
  private final long from;
  private final long until;

  public Track(long[] times, double[] xs, double[] ys, double[] zs, long from, long until) {
    if (times.length == 0 || xs.length != times.length || ys.length != times.length || zs.length != times.length) {
      throw new IllegalArgumentException("a track needs one or more points with x, y and z each");
    }
    this.times = times.clone();
    this.xs = xs.clone();
    this.ys = ys.clone();
    this.zs = zs.clone();
    this.from = from;
    this.until = until;
  }

  /** A track that stands still at one point for ever. */
  public static Track fixed(double x, double y, double z) {
    return new Track(new long[] {0}, new double[] {x}, new double[] {y}, new double[] {z}, 0, Long.MAX_VALUE);
  }

  /** True when the pallet is in the scene at {@code micros}. */
  public boolean present(long micros) {
    return micros >= from && micros < until;
  }

  public long from() {
    return from;
  }

  public long until() {
    return until;
  }

  /** Writes x, y, z at {@code micros} into {@code out[0..2]}. */
  public void positionAt(long micros, double[] out) {
    int n = times.length;
    if (micros <= times[0] || n == 1) {
      set(out, 0);
      return;
    }
    if (micros >= times[n - 1]) {
      set(out, n - 1);
      return;
    }
    // Tracks have a handful of points; a linear scan beats a binary search here.
    int i = 1;
    while (times[i] < micros) {
      i++;
    }
    long t0 = times[i - 1];
    long t1 = times[i];
    double f = t1 == t0 ? 1 : (double) (micros - t0) / (t1 - t0);
    out[0] = xs[i - 1] + f * (xs[i] - xs[i - 1]);
    out[1] = ys[i - 1] + f * (ys[i] - ys[i - 1]);
    out[2] = zs[i - 1] + f * (zs[i] - zs[i - 1]);
  }

  /**
   * The time until which the pallet stays where it is at {@code micros} and in the scene: the end of a
   * dwell, of the time before its first move, or of its presence; {@code micros} itself while it moves.
   */
  public long stationaryUntil(long micros) {
    if (micros < from) {
      return from;
    }
    if (micros >= until) {
      return Long.MAX_VALUE;
    }
    int n = times.length;
    long end;
    if (micros < times[0] || n == 1) {
      end = n == 1 ? Long.MAX_VALUE : times[0];
    } else if (micros >= times[n - 1]) {
      end = Long.MAX_VALUE;
    } else {
      int i = 1;
      while (times[i] <= micros) {
        i++;
      }
      boolean still = xs[i] == xs[i - 1] && ys[i] == ys[i - 1] && zs[i] == zs[i - 1];
      end = still ? times[i] : micros;
    }
    return Math.min(end, until);
  }

  private void set(double[] out, int i) {
    out[0] = xs[i];
    out[1] = ys[i];
    out[2] = zs[i];
  }

  /** Number of points. */
  public int size() {
    return times.length;
  }

  public long time(int i) {
    return times[i];
  }

  public double x(int i) {
    return xs[i];
  }

  public double y(int i) {
    return ys[i];
  }
}
