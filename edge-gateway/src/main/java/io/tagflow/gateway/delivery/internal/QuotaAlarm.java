package io.tagflow.gateway.delivery.internal;

import io.tagflow.gateway.delivery.OutboxStats.Level;
import io.tagflow.gateway.delivery.OutboxStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's disk-quota alarm. It logs once per level change, not once per append: WARN when the
 * outbox reaches 80% of its quota, ERROR when an append is refused, INFO when it is back to normal.
 * FULL is left when an append succeeds again or disk use falls below the warning level.
 * Not thread-safe; the outbox calls it under its lock.
 */
public final class QuotaAlarm {
  private static final Logger log = LoggerFactory.getLogger(QuotaAlarm.class);

  private final String name;
  private Level level = Level.NORMAL;

  public QuotaAlarm(String name) {
    this.name = name;
  }

  public Level level() {
    return level;
  }

  /** After a successful append or a deletion: re-evaluates the level from disk use. */
  public void update(long diskBytes, long quotaBytes, boolean appended) {
    boolean high = diskBytes >= OutboxStats.WARNING_FRACTION * quotaBytes;
    Level next;
    if (level == Level.FULL && !appended && high) {
      next = Level.FULL;
    } else {
      next = high ? Level.WARNING : Level.NORMAL;
    }
    transition(next, diskBytes, quotaBytes);
  }

  /** An append was refused for lack of quota. */
  public void rejected(long diskBytes, long quotaBytes) {
    transition(Level.FULL, diskBytes, quotaBytes);
  }

  private void transition(Level next, long diskBytes, long quotaBytes) {
    if (next == level) {
      return;
    }
    Level previous = level;
    level = next;
    String usage = String.format("%d of %d bytes (%.0f%%)", diskBytes, quotaBytes, 100.0 * diskBytes / quotaBytes);
    switch (next) {
      case FULL -> log.error("Outbox {} is FULL: {}; new events are refused until the broker acknowledges "
          + "pending ones. Check the broker connection.", name, usage);
      case WARNING -> {
        if (previous == Level.NORMAL) {
          log.warn("Outbox {} is above {}% of its quota: {}; the broker is not keeping up or unreachable.",
              name, Math.round(OutboxStats.WARNING_FRACTION * 100), usage);
        } else {
          log.info("Outbox {} accepts events again: {}", name, usage);
        }
      }
      case NORMAL -> log.info("Outbox {} is back below {}% of its quota: {}", name,
          Math.round(OutboxStats.WARNING_FRACTION * 100), usage);
    }
  }
}
