package io.tagflow.protocol.event;

/**
 * Why the gateway concluded a movement's direction: a short summary for audits and for tuning, not
 * the raw reads.
 *
 * @param insideReads reads by the antennas on the warehouse side of the door
 * @param outsideReads reads by the antennas on the yard side of the door
 * @param rssiTrendDb the change of RSSI over the movement on the side that decided the direction, in
 *     dB (positive: getting closer)
 * @param arbitration a short note when the gateway had to choose, e.g. between two doors that both
 *     saw the pallet ("door D2 had 3x the reads of D3"); null when there was nothing to arbitrate
 */
public record MovementEvidence(int insideReads, int outsideReads, double rssiTrendDb, @Nullable String arbitration) {
  public MovementEvidence {
    Checks.atLeast("insideReads", insideReads, 0);
    Checks.atLeast("outsideReads", outsideReads, 0);
    Checks.finite("rssiTrendDb", rssiTrendDb);
    Checks.text("arbitration", arbitration);
  }
}
