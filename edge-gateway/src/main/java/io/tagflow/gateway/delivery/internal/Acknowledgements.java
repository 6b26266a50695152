package io.tagflow.gateway.delivery.internal;

import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The file outbox's delivery watermark (every sequence at or below it is delivered) and the
 * acknowledgements above it. PUBACKs may arrive out of order, and before the fsync of their record, so
 * an acknowledged sequence waits here until every record below it is acknowledged or missing and it is
 * itself durable; then the watermark moves over it. Not thread-safe: the outbox calls it under its
 * monitor.
 */
public final class Acknowledgements {
  /** Sequences acknowledged above the watermark, each held by a segment. */
  private final NavigableSet<Long> above = new TreeSet<>();
  private long watermark;

  public Acknowledgements(long watermark) {
    this.watermark = watermark;
  }

  public long watermark() {
    return watermark;
  }

  /** Whether {@code sequence} is acknowledged (at or below the watermark, or waiting above it). */
  public boolean acknowledged(long sequence) {
    return sequence <= watermark || above.contains(sequence);
  }

  /** Acknowledgements waiting above the watermark. */
  public int waiting() {
    return above.size();
  }

  /** Records the PUBACK of {@code sequence}, which a segment holds. */
  public void add(long sequence) {
    if (sequence > watermark) {
      above.add(sequence);
    }
  }

  /** Forgets the acknowledgements of {@code [from, to)}: their records were taken back out. */
  public void forget(long from, long to) {
    above.subSet(from, to).clear();
  }

  /**
   * Moves the watermark over acknowledged sequences and over gaps (sequences no segment holds: a
   * corrupt segment cut at recovery, a batch whose fsync failed), never up to {@code durableEnd}.
   *
   * @return whether it moved
   */
  public boolean advance(TreeMap<Long, Segment> segments, long durableEnd) {
    long w = watermark;
    while (w + 1 < durableEnd) {
      long next = w + 1;
      long existing = RecordPosition.firstExistingAtOrAfter(segments, next);
      if (existing > next && existing <= durableEnd) {
        w = existing - 1; // a gap: nothing there to deliver
      } else if (above.remove(next)) {
        w = next;
      } else {
        break;
      }
    }
    if (w == watermark) {
      return false;
    }
    above.headSet(w, true).clear(); // acknowledgements that fell into a skipped gap
    watermark = w;
    return true;
  }
}
