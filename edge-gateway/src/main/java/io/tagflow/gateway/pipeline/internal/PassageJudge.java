package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.Direction;
import io.tagflow.gateway.pipeline.Side;
import io.tagflow.gateway.pipeline.StagedDecision.Reason;

/**
 * Judges one finished passage of one tag through one door (part of stage 3; see
 * {@link PortalStage} for how the evidence is gathered).
 *
 * <p>Both sides must have evidence: at least {@code minSideReads} reads and a peak of at least
 * {@code presenceRssiDbm}. A tag strongly heard on one side only is staged (ONE_SIDE), never moved:
 * a pallet parked at the door, or goods on the dock heard through the opening. This is where we
 * differ most from a pure threshold-transition detector, which fires on one lead change and is fooled
 * by a pallet rocking on the dock plate.
 *
 * <p>The direction comes from the power-weighted time centroids: the tag was nearest the outside
 * antennas at {@code cOut} and nearest the inside ones at {@code cIn}; {@code cIn > cOut} means IN.
 * A centroid uses every read, weighted by linear power, so it is robust to missed reads and to a
 * few reflected reads, which a first-seen/last-seen order is not. The centroids must be at least
 * {@code minCentroidGap} apart, and well separated relative to how spread out in time each side's
 * reads are: the separation {@code |cIn - cOut| / sqrt((varOut + varIn) / 2)} (the d' of signal
 * detection theory, with power-weighted time variances) must reach {@code minSeparation}. A tag
 * carried through is heard by each side mostly around its closest approach (small variance, gap of
 * antenna spacing over speed); a tag standing between both antennas for a minute is heard evenly
 * (huge variance), so a half-second gap between its centroids is noise, not direction. Failing
 * either test, the passage is AMBIGUOUS.
 *
 * <p>Confidence = 0.5, plus up to 0.2 for the separation (full at twice the minimum),
 * plus 0.2 if the threshold transitions went source to destination (minus 0.2 if the reverse), plus
 * 0.1 if the inside-minus-outside RSSI trend has the direction's sign (minus 0.1 if the opposite),
 * clamped to 0..1. Below {@code minConfidence} the passage is staged AMBIGUOUS.
 */
public final class PassageJudge {
  private final double presenceRssi;
  private final int minSideReads;
  private final double minGapSeconds;
  private final double minSeparation;
  private final double minConfidence;

  public PassageJudge(double presenceRssi, int minSideReads, long minGapMicros,
                      double minSeparation, double minConfidence) {
    this.presenceRssi = presenceRssi;
    this.minSideReads = minSideReads;
    this.minGapSeconds = minGapMicros / 1e6;
    this.minSeparation = minSeparation;
    this.minConfidence = minConfidence;
  }

  /** The crossing or staging of a finished passage, or null when it was only noise. */
  Crossing judge(TagTrack t, int door, DoorEvidence ev, long nowMicros) {
    SideStats out = ev.sides[0];
    SideStats in = ev.sides[1];
    boolean outOk = strong(out);
    boolean inOk = strong(in);
    if (!outOk && !inOk) {
      return null;
    }
    if (!outOk || !inOk) {
      return ev.stagedReported ? null : staged(t, door, ev, Reason.ONE_SIDE);
    }
    double gap = in.centroid() - out.centroid();
    Direction dir = gap > 0 ? Direction.IN : Direction.OUT;
    int from = dir == Direction.IN ? 0 : 1;
    int to = 1 - from;
    boolean agree = ev.firstLeader == from && ev.leader == to;
    boolean contradict = ev.firstLeader == to && ev.leader == from;
    double trend = dir == Direction.IN ? ev.trendSlope() : -ev.trendSlope();
    double spread = Math.sqrt((out.variance() + in.variance()) / 2);
    double separation = spread > 0 ? Math.abs(gap) / spread : Double.POSITIVE_INFINITY;
    double fullSeparation = minSeparation > 0 ? 2 * minSeparation : 1;
    double confidence = 0.5 + 0.2 * Math.min(1, separation / fullSeparation)
        + (agree ? 0.2 : contradict ? -0.2 : 0)
        + (trend > 0.5 ? 0.1 : trend < -0.5 ? -0.1 : 0);
    confidence = Math.max(0, Math.min(1, confidence));
    if (Math.abs(gap) < minGapSeconds || separation < minSeparation
        || confidence < minConfidence) {
      return staged(t, door, ev, Reason.AMBIGUOUS);
    }
    long passage = ev.originMicros + (long) ((out.centroid() + in.centroid()) / 2 * 1e6);
    return new Crossing(t, door, dir, null, Side.values()[to], confidence, strength(ev),
        ev.firstReadMicros(), ev.lastReadMicros(), passage, out.reads + in.reads,
        Math.max(out.peakRssi, in.peakRssi), Math.min(out.peakRssi, in.peakRssi), gap * 1000, agree, out.reads, in.reads,
        trend * (ev.lastReadMicros() - ev.firstReadMicros()) / 1e6);
  }

  /** The passage as an AMBIGUOUS staging, whatever its centroids say. */
  Crossing ambiguous(TagTrack t, int door, DoorEvidence ev) {
    return staged(t, door, ev, Reason.AMBIGUOUS);
  }

  /** The staging of a passage still open after the dwell limit. */
  Crossing dwelling(TagTrack t, int door, DoorEvidence ev, long nowMicros) {
    return staged(t, door, ev, Reason.DWELL);
  }

  private Crossing staged(TagTrack t, int door, DoorEvidence ev, Reason reason) {
    SideStats out = ev.sides[0];
    SideStats in = ev.sides[1];
    Side side = in.sumPower > out.sumPower ? Side.INSIDE : Side.OUTSIDE;
    long passage = ev.originMicros;
    return new Crossing(t, door, null, reason, side, 0, strength(ev), ev.firstReadMicros(),
        ev.lastReadMicros(), passage, out.reads + in.reads, Math.max(out.peakRssi, in.peakRssi),
        Math.min(out.peakRssi, in.peakRssi), 0, false, out.reads, in.reads, 0);
  }

  private boolean strong(SideStats s) {
    return s.reads >= minSideReads && s.peakRssi >= presenceRssi;
  }

  private static double strength(DoorEvidence ev) {
    return 10 * Math.log10(ev.sides[0].sumPower + ev.sides[1].sumPower);
  }
}
