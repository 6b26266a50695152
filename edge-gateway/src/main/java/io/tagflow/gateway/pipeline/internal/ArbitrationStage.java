package io.tagflow.gateway.pipeline.internal;

import java.util.ArrayDeque;

/**
 * Stage 4, cross-door arbitration: one tag's evidence at two doors within {@code
 * arbitrationWindow} goes to the door with the stronger evidence.
 *
 * <p>Adjacent dock doors are a few metres apart and a reader at one often hears a pallet crossing
 * the next, sometimes on both sides. Each door's candidate (crossing or staging) is therefore held
 * for the window before it is released. If another door produces a candidate for the same tag in
 * that time, the two are compared by evidence strength, 10·log10 of the summed linear read power at
 * the door, which grows with both RSSI and read count. With hysteresis: the favoured candidate is
 * the one at the door the tag last crossed (else the one that came first), and the other must beat
 * it by {@code arbitrationHysteresisDb} to take over, so near-equal evidence does not flip between
 * doors. The loser is dropped and counted. A second candidate at the same door replaces the first
 * if it is a crossing or the first was not.
 */
public final class ArbitrationStage implements FilterStage {
  private final StageCounters counters = new StageCounters("arbitration");
  private final long windowMicros;
  private final double hysteresisDb;
  private final CrossingSink crossings;
  private final CrossingSink stagings;
  private final ArrayDeque<TagTrack> waiting = new ArrayDeque<>();
  long overruled;

  public ArbitrationStage(long windowMicros, double hysteresisDb, CrossingSink crossings,
                          CrossingSink stagings) {
    this.windowMicros = windowMicros;
    this.hysteresisDb = hysteresisDb;
    this.crossings = crossings;
    this.stagings = stagings;
  }

  @Override
  public String name() {
    return counters.name();
  }

  /** Takes a candidate from the portal stage. */
  public void offer(Crossing c, long nowMicros) {
    counters.in++;
    TagTrack t = c.track();
    Crossing p = t.pending;
    if (p == null) {
      t.pending = c;
      t.pendingReleaseMicros = nowMicros + windowMicros;
      waiting.add(t);
      return;
    }
    if (p.door() == c.door()) {
      if (c.isCrossing() || !p.isCrossing()) {
        t.pending = c;
      }
      return;
    }
    Crossing favoured = c.door() == t.lastDoor ? c : p;
    Crossing challenger = favoured == c ? p : c;
    Crossing winner = challenger.strengthDb() > favoured.strengthDb() + hysteresisDb
        ? challenger : favoured;
    t.pending = winner.winning(winner == c ? p : c);
    overruled++;
  }

  @Override
  public void afterTick(long nowMicros) {
    while (!waiting.isEmpty() && waiting.peekFirst().pendingReleaseMicros <= nowMicros) {
      TagTrack t = waiting.pollFirst();
      Crossing c = t.pending;
      t.pending = null;
      counters.out++;
      if (c.isCrossing()) {
        t.lastDoor = c.door();
        crossings.accept(c, nowMicros);
      } else {
        stagings.accept(c, nowMicros);
      }
    }
  }

  @Override
  public long nextTickMicros(TagTrack t) {
    return t.pending != null ? t.pendingReleaseMicros : Long.MAX_VALUE;
  }

  @Override
  public boolean holds(TagTrack track) {
    return track.pending != null;
  }

  /** Candidates dropped because another door had stronger evidence. */
  public long overruled() {
    return overruled;
  }

  @Override
  public StageCounters counters() {
    return counters;
  }
}
