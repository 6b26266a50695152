package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.Direction;
import io.tagflow.gateway.pipeline.Side;
import io.tagflow.gateway.pipeline.StagedDecision.Reason;

/** Builds crossing candidates directly, for the stages after the portal. */
final class Candidates {
  private Candidates() {
  }

  /** A crossing read from 1 s before its passage to 1 s after, close to both sides (-50 dBm). */
  static Crossing crossing(TagTrack t, int door, Direction dir, double strengthDb,
                           long passageMicros) {
    return crossing(t, door, dir, strengthDb, passageMicros, -50);
  }

  /** As above, with the weaker side's peak RSSI. */
  static Crossing crossing(TagTrack t, int door, Direction dir, double strengthDb,
                           long passageMicros, double weakerPeakRssi) {
    return new Crossing(t, door, dir, null, dir == Direction.IN ? Side.INSIDE : Side.OUTSIDE, 0.9,
        strengthDb, passageMicros - 1_000_000, passageMicros + 1_000_000, passageMicros, 40, -45,
        weakerPeakRssi, 600, true, 20, 20, 6);
  }

  static Crossing staged(TagTrack t, int door, double strengthDb, long atMicros) {
    return new Crossing(t, door, null, Reason.ONE_SIDE, Side.OUTSIDE, 0, strengthDb,
        atMicros - 1_000_000, atMicros, atMicros, 10, -55, -70, 0, false, 10, 0, 0);
  }
}
