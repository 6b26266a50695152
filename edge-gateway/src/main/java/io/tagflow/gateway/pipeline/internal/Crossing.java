package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.Direction;
import io.tagflow.gateway.pipeline.Side;
import io.tagflow.gateway.pipeline.StagedDecision;

/**
 * A door decision candidate for one tag: a crossing (direction non-null) or a staging (reason
 * non-null), with the evidence arbitration and grouping need. Built by {@link PassageJudge} once per
 * passage, never per read.
 *
 * @param side the side the tag ended on (crossing) or was seen on (staging)
 * @param strengthDb 10·log10 of the summed read power (mW) at the door: grows with both read count
 *     and RSSI
 * @param passageMicros when the tag was at the door plane: midway between the two sides' centroids
 *     (reader clock)
 * @param gapMillis inside centroid minus outside centroid
 * @param transitionAgrees true when the threshold transitions went from the source to the
 *     destination side
 * @param trendDb change of inside-minus-outside RSSI over the passage, signed so that positive
 *     means towards the destination side
 * @param overruledDoor a door whose competing candidate arbitration dropped for this one, or -1
 * @param overruledMarginDb how much stronger this candidate's evidence was than that door's
 */
record Crossing(TagTrack track, int door, Direction direction, StagedDecision.Reason reason,
                Side side, double confidence, double strengthDb, long firstReadMicros,
                long lastReadMicros, long passageMicros, int reads, double peakRssi,
                double gapMillis, boolean transitionAgrees, int outsideReads, int insideReads,
                double trendDb, int overruledDoor, double overruledMarginDb) {

  /** This candidate, noting that it won arbitration against {@code loser}. */
  Crossing winning(Crossing loser) {
    return new Crossing(track, door, direction, reason, side, confidence, strengthDb,
        firstReadMicros, lastReadMicros, passageMicros, reads, peakRssi, gapMillis,
        transitionAgrees, outsideReads, insideReads, trendDb, loser.door,
        strengthDb - loser.strengthDb);
  }

  boolean isCrossing() {
    return direction != null;
  }
}
