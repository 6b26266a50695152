package io.tagflow.gateway.pipeline.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Stage 6, grouping: crossings at one door in one direction that happen together form one movement
 * (a pallet load, a forklift trip), closed after {@code quietGap} without a new crossing.
 *
 * <p>Crossings are grouped by passage time (when each tag was at the door plane, see {@link
 * PassageJudge}), not by decision time, because decisions lag the passage by the absence timeout
 * and arbitration window. A crossing joins an open movement of the same door and direction when
 * its passage lies within {@code groupGap} of the movement's passage span, or when at least half of
 * its read interval overlaps the movement's (a forklift that stops in the doorway spreads its tags'
 * passage times over the stop, but they are all read during it); among several it joins the one
 * whose anchor (its SSCC's passage, else its middle) is nearest.
 *
 * <p>The SSCC rule: a movement holds at most one SSCC-96 tag, the pallet's identity. A second SSCC
 * never joins a movement that has one, so two pallets in a row are two movements even when the
 * forklift drives them through close together; their cases go to the pallet whose SSCC passed
 * nearest in time.
 */
public final class GroupingStage implements FilterStage {
  /** The event contract's limit (EventSchema.MAX_TAGS_PER_MOVEMENT): a fuller movement splits. */
  static final int MAX_TAGS_PER_MOVEMENT = io.tagflow.protocol.event.EventSchema.MAX_TAGS_PER_MOVEMENT;

  private final StageCounters counters = new StageCounters("grouping");
  private final long groupGapMicros;
  private final long quietGapMicros;
  private final MovementSink sink;
  private final List<OpenMovement> open = new ArrayList<>();

  /** Receives closed movements. */
  @FunctionalInterface
  interface MovementSink {
    void closed(OpenMovement movement, long nowMicros);
  }

  GroupingStage(long groupGapMicros, long quietGapMicros, MovementSink sink) {
    this.groupGapMicros = groupGapMicros;
    this.quietGapMicros = quietGapMicros;
    this.sink = sink;
  }

  @Override
  public String name() {
    return counters.name();
  }

  /** Takes an arbitrated crossing. */
  public void accept(Crossing c, long nowMicros) {
    counters.in++;
    boolean sscc = c.track().isSscc();
    OpenMovement best = null;
    long bestDistance = Long.MAX_VALUE;
    for (int i = 0; i < open.size(); i++) {
      OpenMovement m = open.get(i);
      if (m.door != c.door() || m.direction != c.direction()
          || m.crossings.size() >= MAX_TAGS_PER_MOVEMENT
          || (m.distance(c.passageMicros()) > groupGapMicros && !m.overlapsMostOf(c))
          || (sscc && m.pallet != null)) {
        continue;
      }
      long d = Math.abs(m.anchorMicros() - c.passageMicros());
      if (d < bestDistance) {
        bestDistance = d;
        best = m;
      }
    }
    if (best == null) {
      best = new OpenMovement(c.door(), c.direction());
      open.add(best);
    }
    best.add(c, nowMicros);
  }

  @Override
  public void afterTick(long nowMicros) {
    for (int i = 0; i < open.size(); i++) {
      OpenMovement m = open.get(i);
      if (nowMicros - m.lastAddedMicros >= quietGapMicros) {
        open.remove(i--);
        counters.out++;
        sink.closed(m, nowMicros);
      }
    }
  }

  /** Movements not closed yet. */
  public int openMovements() {
    return open.size();
  }

  @Override
  public StageCounters counters() {
    return counters;
  }
}
