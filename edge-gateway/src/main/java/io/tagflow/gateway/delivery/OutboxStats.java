package io.tagflow.gateway.delivery;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of an outbox.
 *
 * @param depth entries not yet marked delivered
 * @param diskBytes bytes the outbox's segment files use on disk (counted against the quota)
 * @param quotaBytes the disk quota
 * @param oldestPending when the oldest pending entry was appended; empty when none is pending
 * @param level the quota alarm level
 */
public record OutboxStats(long depth, long diskBytes, long quotaBytes, Optional<Instant> oldestPending, Level level) {

  /** Quota alarm levels. */
  public enum Level {
    /** Below {@link #WARNING_FRACTION} of the quota. */
    NORMAL,
    /** At or above {@link #WARNING_FRACTION} of the quota: appends still succeed. */
    WARNING,
    /** The last append was refused for lack of quota. */
    FULL
  }

  /** The fraction of the quota from which the outbox warns. */
  public static final double WARNING_FRACTION = 0.8;

  /** Disk use as a fraction of the quota. */
  public double fill() {
    return quotaBytes == 0 ? 0 : (double) diskBytes / quotaBytes;
  }
}
