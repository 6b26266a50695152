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

  /**
   * Offers one read; returns false to stop it here (later stages do not see it). A stage whose
   * {@link #onTick} may have work because of the read sets {@link ReadContext#tickNeeded}.
   */
  default boolean onRead(ReadContext read) {
    return true;
  }

  /** Time-driven checks for one tag. */
  default void onTick(TagTrack track, long nowMicros) {
  }

  /** Stage-wide time-driven work after every tag was ticked. */
  default void afterTick(long nowMicros) {
  }

  /**
   * The earliest gateway time at which {@link #onTick} could change anything for the tag if it is
   * not read again; {@code Long.MAX_VALUE} for never. Unless a read asked for a tick ({@link
   * ReadContext#tickNeeded}), the pipeline skips a tag's tick until the earliest of its stages'
   * times, so a stage with time-driven work must answer truthfully; a later deadline may be
   * answered on an earlier call (the tag is then looked at early and asked again). Calling {@code onTick} earlier must be
   * harmless (a no-op when nothing is due). The default asks for every tick while the stage
   * {@link #holds} the tag. An answer of {@code Long.MIN_VALUE} (every tick) may be asked for right
   * after the tag's {@code onTick}, before {@link #afterTick}: it must not depend on what
   * {@code afterTick} does.
   */
  default long nextTickMicros(TagTrack track) {
    return holds(track) ? Long.MIN_VALUE : Long.MAX_VALUE;
  }

  /** True when the stage still holds state for the tag (it must not be forgotten yet). */
  default boolean holds(TagTrack track) {
    return false;
  }

  StageCounters counters();
}
