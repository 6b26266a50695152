package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.Direction;
import java.util.ArrayList;
import java.util.List;

/** A movement being grouped: crossings at one door in one direction, until a quiet gap. */
final class OpenMovement {
  final int door;
  final Direction direction;
  final List<Crossing> crossings = new ArrayList<>();
  Crossing pallet;
  long minPassageMicros = Long.MAX_VALUE;
  long maxPassageMicros = Long.MIN_VALUE;
  long firstReadMicros = Long.MAX_VALUE;
  long lastReadMicros = Long.MIN_VALUE;
  long lastAddedMicros;

  OpenMovement(int door, Direction direction) {
    this.door = door;
    this.direction = direction;
  }

  void add(Crossing c, long nowMicros) {
    crossings.add(c);
    if (pallet == null && c.track().isSscc()) {
      pallet = c;
    }
    minPassageMicros = Math.min(minPassageMicros, c.passageMicros());
    maxPassageMicros = Math.max(maxPassageMicros, c.passageMicros());
    firstReadMicros = Math.min(firstReadMicros, c.firstReadMicros());
    lastReadMicros = Math.max(lastReadMicros, c.lastReadMicros());
    lastAddedMicros = nowMicros;
  }

  /** Distance from a passage time to this movement's span (0 inside it). */
  long distance(long passageMicros) {
    if (passageMicros < minPassageMicros) {
      return minPassageMicros - passageMicros;
    }
    return passageMicros > maxPassageMicros ? passageMicros - maxPassageMicros : 0;
  }

  /** True when at least half of the crossing's read interval lies within this movement's. */
  boolean overlapsMostOf(Crossing c) {
    long overlap = Math.min(lastReadMicros, c.lastReadMicros())
        - Math.max(firstReadMicros, c.firstReadMicros());
    return overlap * 2 >= c.lastReadMicros() - c.firstReadMicros();
  }

  /** The time a pallet's cases should be nearest: the SSCC's passage, else the span's middle. */
  long anchorMicros() {
    return pallet != null ? pallet.passageMicros() : (minPassageMicros / 2 + maxPassageMicros / 2);
  }
}
