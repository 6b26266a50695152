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
 * @param weakerPeakRssi the lower of the two sides' peak RSSI (dBm): how close the tag came to the
 *     antennas of the side it was farther from
 * @param gapMillis inside centroid minus outside centroid
 * @param transitionAgrees true when the threshold transitions went from the source to the
 *     destination side
 * @param trendDb change of inside-minus-outside RSSI over the passage, signed so that positive
 *     means towards the destination side
 */
record Crossing(TagTrack track, int door, Direction direction, StagedDecision.Reason reason,
                Side side, double confidence, double strengthDb, long firstReadMicros,
                long lastReadMicros, long passageMicros, int reads, double peakRssi,
                double weakerPeakRssi, double gapMillis, boolean transitionAgrees, int outsideReads, int insideReads,
                double trendDb) {

  boolean isCrossing() {
    return direction != null;
  }
}
