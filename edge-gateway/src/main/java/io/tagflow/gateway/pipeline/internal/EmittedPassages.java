package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.Direction;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Part of stage 6: the movements emitted lately, so that a late part of one of them is not emitted
 * as a movement of its own.
 *
 * <p>A crossing is usually judged while the pallet is still by the door ({@link PortalStage}, early
 * judgement), and its movement emitted seconds later. A case that showed no clean crossover (deep
 * in the pallet, read poorly) is judged only when its passage ends, which may be half a minute
 * later, after the pallet left the lane behind the door; it then forms a movement at the same door
 * in the same direction on its own. The event contract has no way to add tags to an emitted
 * movement, and a second event would report one pallet crossing twice, so such a remnant is
 * dropped: a movement without a pallet SSCC of its own (or with the emitted one's) most of whose
 * tags' first reads at the door came with an emitted movement's (from its first tag's first read,
 * less the grouping gap, to its last tag's first read plus the gap), at the same door and in the
 * same direction. A movement is remembered for {@code keepMicros} after it was emitted.
 */
final class EmittedPassages {
  private record Emitted(int door, Direction direction, TagTrack pallet, long firstReadMicros,
                         long lastFirstReadMicros, long emittedMicros) {
  }

  private final ArrayDeque<Emitted> recent = new ArrayDeque<>();
  private final long keepMicros;
  private final long gapMicros;

  /**
   * @param keepMicros how long an emitted movement is remembered
   * @param gapMicros how far before the emitted movement's first read a remnant's tag may have
   *     arrived (the grouping gap)
   */
  EmittedPassages(long keepMicros, long gapMicros) {
    this.keepMicros = keepMicros;
    this.gapMicros = gapMicros;
  }

  void emitted(OpenMovement m, long nowMicros) {
    recent.addLast(new Emitted(m.door, m.direction, m.pallet == null ? null : m.pallet.track(),
        m.firstReadMicros, m.lastFirstReadMicros, nowMicros));
  }

  /** True when {@code m} is a late part of a movement emitted lately (see the class comment). */
  boolean remnant(OpenMovement m, long nowMicros) {
    while (!recent.isEmpty() && nowMicros - recent.peekFirst().emittedMicros() > keepMicros) {
      recent.removeFirst();
    }
    for (Iterator<Emitted> it = recent.descendingIterator(); it.hasNext(); ) {
      Emitted e = it.next();
      if (e.door() != m.door || e.direction() != m.direction
          || (m.pallet != null && m.pallet.track() != e.pallet())) {
        continue;
      }
      int within = 0;
      for (Crossing c : m.crossings) {
        if (c.firstReadMicros() >= e.firstReadMicros() - gapMicros
            && c.firstReadMicros() <= e.lastFirstReadMicros() + gapMicros) {
          within++;
        }
      }
      if (within * 2 > m.crossings.size()) {
        return true;
      }
    }
    return false;
  }
}
