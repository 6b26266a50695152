package io.tagflow.gateway.pipeline.internal;

/**
 * The read being processed, one reusable instance per pipeline so the hot path builds no object per
 * read. The pipeline fills it; stages read it and may set {@link #track}.
 */
public final class ReadContext {
  /** EPC bits 95..32. */
  public long epcHigh;
  /** EPC bits 31..0. */
  public int epcLow;
  /** Read point index from {@link ReadPoints}, or -1 when the antenna is unmapped. */
  public int readPoint;
  /** The antenna's own minimum RSSI, or NaN. */
  public double antennaMinRssi;
  public double rssiDbm;
  /** Reader timestamp, microseconds since the epoch. */
  public long readMicros;
  /** Gateway clock when the read was processed, microseconds since the epoch. */
  public long nowMicros;
  /** The tag's state; set by the pipeline after admission. */
  public TagTrack track;
  /**
   * Set by a stage whose tick work for this tag may have changed because of this read (an arrival,
   * a passage start, a possible bin change): the tag is then ticked at the next tick. Work that
   * only a deadline starts is announced through {@link FilterStage#nextTickMicros} instead.
   */
  public boolean tickNeeded;
}
