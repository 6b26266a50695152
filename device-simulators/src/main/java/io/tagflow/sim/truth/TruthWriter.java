package io.tagflow.sim.truth;

import java.io.Writer;

/**
 * Streams a scene's truth as virtual time advances, so a real-time run's truth file only ever holds
 * what has already happened (a gateway under test could not peek ahead by reading it).
 *
 * <p>Not thread-safe: one owner advances it.
 */
public final class TruthWriter {
  private final GroundTruth truth;
  private final Writer out;
  private int next;

  public TruthWriter(GroundTruth truth, Writer out) {
    this.truth = truth;
    this.out = out;
  }

  /**
   * Writes every event at or before {@code micros} not written yet.
   *
   * @return how many were written
   */
  public int advanceTo(long micros) {
    int written = 0;
    while (next < truth.events().size() && truth.events().get(next).atMicros() <= micros) {
      TruthJson.write(out, truth.events().get(next++));
      written++;
    }
    return written;
  }

  /** Events written so far. */
  public int written() {
    return next;
  }
}
