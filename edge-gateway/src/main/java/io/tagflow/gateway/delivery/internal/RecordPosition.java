package io.tagflow.gateway.delivery.internal;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a sequence lives in the file outbox: a segment and the offset of its record. Navigates the
 * outbox's segments (keyed by first sequence) record by record; one instance is kept per reader of
 * the outbox as a scan hint, so reading on from where the last read stopped costs no rescan.
 */
public final class RecordPosition {
  private Segment segment;
  private long sequence;
  private long offset;

  /**
   * Moves to the first record with sequence {@code >= target} and returns this, or null when there
   * is none. Starts from the current position when it can.
   */
  public RecordPosition locate(TreeMap<Long, Segment> segments, long target) throws IOException {
    boolean usable = segment != null && segments.get(segment.firstSequence()) == segment
        && sequence <= target && target < segment.endSequence();
    if (!usable) {
      Map.Entry<Long, Segment> floor = segments.floorEntry(target);
      Segment start = floor == null ? null : floor.getValue();
      if (start == null || target >= start.endSequence()) {
        Map.Entry<Long, Segment> higher = segments.higherEntry(target);
        if (higher == null) {
          return null;
        }
        start = higher.getValue();
      }
      segment = start;
      sequence = start.firstSequence();
      offset = 0;
    }
    while (sequence < target) {
      offset = segment.next(offset);
      sequence++;
    }
    return this;
  }

  /** Moves to the next record; false at the end of the outbox. */
  public boolean advance(TreeMap<Long, Segment> segments) throws IOException {
    if (sequence + 1 < segment.endSequence()) {
      offset = segment.next(offset);
      sequence++;
      return true;
    }
    Map.Entry<Long, Segment> higher = segments.higherEntry(segment.firstSequence());
    if (higher == null) {
      // Stay on the last record, so the next read of the following sequence starts from here.
      return false;
    }
    segment = higher.getValue();
    sequence = segment.firstSequence();
    offset = 0;
    return true;
  }

  /** {@code target} if a segment holds it, else the first sequence of the next segment (or {@code target}). */
  public static long firstExistingAtOrAfter(TreeMap<Long, Segment> segments, long target) {
    Map.Entry<Long, Segment> floor = segments.floorEntry(target);
    if (floor != null && target < floor.getValue().endSequence()) {
      return target;
    }
    Map.Entry<Long, Segment> higher = segments.higherEntry(target);
    return higher == null ? target : higher.getKey();
  }

  /** Whether a segment of {@code segments} holds {@code sequence}. */
  public static boolean held(TreeMap<Long, Segment> segments, long sequence) {
    Map.Entry<Long, Segment> floor = segments.floorEntry(sequence);
    return floor != null && sequence < floor.getValue().endSequence();
  }

  public Segment segment() {
    return segment;
  }

  public long sequence() {
    return sequence;
  }

  public long offset() {
    return offset;
  }
}
