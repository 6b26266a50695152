package io.tagflow.gateway.pipeline.internal;

/**
 * Running sums for one side of one door during one passage of one tag. Times are seconds relative
 * to the passage's first read so the sums keep their precision.
 */
final class SideStats {
  int reads;
  /** Sum of read power in mW, and of power times time: their ratio is the power-weighted centroid. */
  double sumPower;
  double sumPowerTime;
  double sumPowerTime2;
  double peakRssi;
  long firstReadMicros;
  long lastReadMicros;
  /** Exponentially smoothed RSSI (dBm) and the reader time it was last updated. */
  double smoothed;

  void reset() {
    reads = 0;
    sumPower = 0;
    sumPowerTime = 0;
    sumPowerTime2 = 0;
    peakRssi = Double.NEGATIVE_INFINITY;
    firstReadMicros = 0;
    lastReadMicros = 0;
    smoothed = Double.NEGATIVE_INFINITY;
  }

  /** The power-weighted time centroid in seconds from the passage origin. */
  double centroid() {
    return sumPowerTime / sumPower;
  }

  /** The power-weighted variance of the read times (s²): how spread out in time the side saw it. */
  double variance() {
    double c = centroid();
    return Math.max(0, sumPowerTime2 / sumPower - c * c);
  }
}
