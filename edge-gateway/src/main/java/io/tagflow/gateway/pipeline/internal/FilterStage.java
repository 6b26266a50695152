package io.tagflow.gateway.pipeline.internal;

/**
 * One step of the filter pipeline. Stages run in a fixed order for every read, and again on every
 * tick for every tracked tag, so time-driven decisions (departures, passage ends, hold-offs) happen
 * even when no read arrives. Later stages receive their inputs (crossing candidates) from the stage
 * before through a typed method; for them the read and per-tag hooks may do nothing.
 *
 * <p>Contract: called from the pipeline thread only; must not block; must not allocate per read in
 * steady state.
 */
public interface FilterStage {

  /** The stage's name in counters and logs. */
  String name();

  /** Offers one read; returns false to stop it here (later stages do not see it). */
  default boolean onRead(ReadContext read) {
    return true;
  }

  /** Time-driven checks for one tag. */
  default void onTick(TagTrack track, long nowMicros) {
  }

  /** Stage-wide time-driven work after every tag was ticked. */
  default void afterTick(long nowMicros) {
  }

  /** True when the stage still holds state for the tag (it must not be forgotten yet). */
  default boolean holds(TagTrack track) {
    return false;
  }

  StageCounters counters();
}
