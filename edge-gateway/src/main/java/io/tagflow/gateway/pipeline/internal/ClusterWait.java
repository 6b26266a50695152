package io.tagflow.gateway.pipeline.internal;

import java.util.List;

/**
 * Part of stage 6: whether the ready movements of a cluster may be decided while others of it are
 * still being grouped.
 *
 * <p>A cluster (movements linked through shared tags, see {@link ArbitrationStage}) is normally
 * decided once all of its movements are ready, so that the shared tags are compared on the whole of
 * each passage. A neighbouring door that hears several pallets go through the doors beside it keeps
 * gathering crossings of each, and its movement links them all into one cluster that is never all
 * ready at once. There is no need to wait for it when the outcome is already clear: every ready
 * movement came closer to both sides' antennas, on the tags it shares with each movement still
 * being grouped, by at least the arbitration hysteresis (summed power of the weaker side's peak, as
 * in the contest itself), or came farther by at least that much. The contest is then run over the
 * whole cluster: the movement still being grouped keeps what it won and loses the rest now.
 */
final class ClusterWait {
  private ClusterWait() {
  }

  /**
   * True when every ready movement of the cluster clearly beats, or clearly loses to, every unready
   * one it shares tags with.
   */
  static boolean readyOnesClear(List<OpenMovement> cluster, double hysteresisDb) {
    for (OpenMovement r : cluster) {
      if (!r.ready) {
        continue;
      }
      for (OpenMovement n : cluster) {
        if (n.ready) {
          continue;
        }
        double margin = marginDb(r, n);
        if (!Double.isNaN(margin) && Math.abs(margin) < hysteresisDb) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * How much closer to both sides' antennas {@code a}'s tags came than {@code b}'s, over the tags
   * they share (dB of summed weaker-side peak power); NaN when they share none.
   */
  static double marginDb(OpenMovement a, OpenMovement b) {
    double aMw = 0;
    double bMw = 0;
    boolean shared = false;
    for (Crossing c : b.crossings) {
      int i = a.indexOf(c.track());
      if (i >= 0) {
        shared = true;
        bMw += Math.pow(10, c.weakerPeakRssi() / 10);
        aMw += Math.pow(10, a.crossings.get(i).weakerPeakRssi() / 10);
      }
    }
    return shared ? 10 * Math.log10(aMw / bMw) : Double.NaN;
  }
}
