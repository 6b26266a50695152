package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.Direction;
import io.tagflow.gateway.pipeline.Side;
import io.tagflow.gateway.pipeline.StagedDecision.Reason;

/** Builds crossing candidates directly, for the stages after the portal. */
final class Candidates {
  private Candidates() {
  }

  static Crossing crossing(TagTrack t, int door, Direction dir, double strengthDb,
                           long passageMicros) {
    return new Crossing(t, door, dir, null, dir == Direction.IN ? Side.INSIDE : Side.OUTSIDE, 0.9,
        strengthDb, passageMicros - 1_000_000, passageMicros + 1_000_000, passageMicros, 40, -45,
        600, true, 20, 20, 6, -1, 0);
  }

  static Crossing staged(TagTrack t, int door, double strengthDb, long atMicros) {
    return new Crossing(t, door, null, Reason.ONE_SIDE, Side.OUTSIDE, 0, strengthDb,
        atMicros - 1_000_000, atMicros, atMicros, 10, -55, 0, false, 10, 0, 0, -1, 0);
  }
}
