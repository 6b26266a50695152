package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * A movement being grouped: crossings at one door in one direction, one crossing per tag, until a
 * quiet gap; then decided by {@link ArbitrationStage} against the passages it shares tags with.
 */
final class OpenMovement {
  final int door;
  final Direction direction;
  final List<Crossing> crossings = new ArrayList<>();
  Crossing pallet;
  long minPassageMicros = Long.MAX_VALUE;
  long maxPassageMicros = Long.MIN_VALUE;
  long firstReadMicros = Long.MAX_VALUE;
  long lastFirstReadMicros = Long.MIN_VALUE;
  long lastReadMicros = Long.MIN_VALUE;
  long lastAddedMicros;
  /** Set on a tick while a tag that arrived at the door with this movement is still passing. */
  boolean held;
  /**
   * Set on a tick (early judgement only) while a tag that arrived at the door with this movement
   * still leads on the side it came from, not judged yet: the rest of a pallet that stopped in the
   * doorway. Holds for at most {@link GroupingStage}'s source wait.
   */
  boolean heldAtSource;
  /** Since when no crossing joined, or -1. */
  long quietSinceMicros = -1;
  /** Quiet and no longer held (or held too long): may be decided. */
  boolean ready;
  /** Decided (emitted or dropped) by arbitration. */
  boolean decided;
  /** Crossings before arbitration took shared tags away. */
  int gathered;
  /** A door that lost shared tags to this movement, and by how much (dB of summed power). */
  int overruledDoor = -1;
  int overruledTags;
  double overruledMarginDb;
  /**
   * {@link MovementsByTag}: the last pass that found it open, its place in the open list then, and
   * {@link #gathered} when its crossings were last indexed.
   */
  long indexPass;
  int indexPosition;
  int indexed;

  OpenMovement(int door, Direction direction) {
    this.door = door;
    this.direction = direction;
  }

  void add(Crossing c, long nowMicros) {
    lastAddedMicros = nowMicros;
    int same = indexOf(c.track());
    if (same >= 0) {
      // A tag whose passage was split: keep its stronger crossing, once.
      if (crossings.get(same).strengthDb() < c.strengthDb()) {
        crossings.set(same, c);
      }
      return;
    }
    crossings.add(c);
    c.track().movement = this;
    c.track().joinedWeakerPeakRssi = c.weakerPeakRssi();
    gathered++;
    if (pallet == null && c.track().isSscc()) {
      pallet = c;
    }
    span(c);
  }

  /** Takes over every crossing of {@code other} (another part of the same passage). */
  void absorb(OpenMovement other, long nowMicros) {
    for (Crossing c : other.crossings) {
      add(c, nowMicros);
    }
  }

  /** The index of the tag's crossing, or -1. */
  int indexOf(TagTrack t) {
    for (int i = 0; i < crossings.size(); i++) {
      if (crossings.get(i).track() == t) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Gives up the crossing at {@code index} before arbitration (grouping moved it to another
   * movement): it no longer counts as gathered, and the spans cover the crossings left.
   */
  void release(int index) {
    crossings.remove(index);
    gathered--;
    minPassageMicros = Long.MAX_VALUE;
    maxPassageMicros = Long.MIN_VALUE;
    firstReadMicros = Long.MAX_VALUE;
    lastFirstReadMicros = Long.MIN_VALUE;
    lastReadMicros = Long.MIN_VALUE;
    for (Crossing c : crossings) {
      span(c);
    }
  }

  private void span(Crossing c) {
    minPassageMicros = Math.min(minPassageMicros, c.passageMicros());
    maxPassageMicros = Math.max(maxPassageMicros, c.passageMicros());
    firstReadMicros = Math.min(firstReadMicros, c.firstReadMicros());
    lastFirstReadMicros = Math.max(lastFirstReadMicros, c.firstReadMicros());
    lastReadMicros = Math.max(lastReadMicros, c.lastReadMicros());
  }

  /** Removes the tag's crossing (arbitration gave the tag to another passage). */
  void remove(TagTrack t) {
    int i = indexOf(t);
    if (i >= 0) {
      Crossing c = crossings.remove(i);
      if (c == pallet) {
        pallet = null;
      }
    }
  }

  /** True when a passage that began at {@code originMicros} began with this movement's tags. */
  boolean arrivedWith(long originMicros, long gapMicros) {
    return originMicros >= firstReadMicros - gapMicros && originMicros <= lastFirstReadMicros + gapMicros;
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
