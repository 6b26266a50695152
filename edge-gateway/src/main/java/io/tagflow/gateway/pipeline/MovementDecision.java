package io.tagflow.gateway.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * Tags that crossed one door in one direction together: a pallet load or a forklift trip.
 *
 * @param door the door's configured name
 * @param direction IN (outside to inside) or OUT
 * @param confidence 0..1, the mean of the tags' crossing confidences
 * @param startedAt the first read of any tag of the movement at the door
 * @param endedAt the last read of any tag of the movement at the door
 * @param palletSscc the pallet's 18-digit SSCC if an SSCC-96 tag crossed with it, else null
 * @param tags the tags, in the order their crossings were decided
 * @param outsideReads reads by the door's outside antennas, all tags together
 * @param insideReads reads by the door's inside antennas
 * @param rssiTrendDb median over the tags of the change of inside-minus-outside RSSI during the
 *     passage, signed so that positive means towards the destination side
 * @param arbitration a note when another door's competing evidence was overruled, else null
 * @param evidence a short human-readable summary of why the pipeline decided this
 */
public record MovementDecision(String door, Direction direction, double confidence,
                               Instant startedAt, Instant endedAt, String palletSscc,
                               List<MovedTag> tags, int outsideReads, int insideReads,
                               double rssiTrendDb, String arbitration, String evidence) {
  public MovementDecision {
    tags = List.copyOf(tags);
  }
}
