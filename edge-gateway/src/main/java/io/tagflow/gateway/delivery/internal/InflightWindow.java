package io.tagflow.gateway.delivery.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The publications sent to the broker and not yet acknowledged, bounded in number, each with a deadline
 * for its PUBACK. The publisher calls it under its own lock; it is not thread-safe.
 *
 * <p>A pending acknowledgement that passes its deadline is never waited for again: the publisher
 * abandons the whole window and sends again from the outbox's first pending entry (a late PUBACK still
 * marks its entry delivered, which is idempotent).
 */
public final class InflightWindow {
  private final int capacity;
  private final Duration ackTimeout;
  private final InstantSource clock;
  /** Sequence to deadline, in send order. */
  private final Map<Long, Instant> pending = new LinkedHashMap<>();

  public InflightWindow(int capacity, Duration ackTimeout, InstantSource clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("maxInflight must be at least 1");
    }
    if (ackTimeout.isNegative() || ackTimeout.isZero()) {
      throw new IllegalArgumentException("ackTimeout must be positive");
    }
    this.capacity = capacity;
    this.ackTimeout = ackTimeout;
    this.clock = clock;
  }

  /** How many more publications may be sent now. */
  public int free() {
    return capacity - pending.size();
  }

  public int size() {
    return pending.size();
  }

  /** Records that {@code sequence} was handed to the client; false when the window is full. */
  public boolean add(long sequence) {
    if (pending.size() >= capacity) {
      return false;
    }
    pending.put(sequence, clock.instant().plus(ackTimeout));
    return true;
  }

  /** Removes {@code sequence}; true when it was pending (so its slot is freed exactly once). */
  public boolean remove(long sequence) {
    return pending.remove(sequence) != null;
  }

  /** The first pending sequence whose deadline has passed, or -1. */
  public long firstExpired() {
    Instant now = clock.instant();
    for (Iterator<Map.Entry<Long, Instant>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Instant> e = it.next();
      if (!e.getValue().isAfter(now)) {
        return e.getKey();
      }
    }
    return -1;
  }

  /** Forgets every pending publication (connection lost, timeout). */
  public void clear() {
    pending.clear();
  }
}
