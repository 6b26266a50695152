package io.tagflow.gateway.delivery.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The file outbox's records that are written but not yet fsynced, from {@code durableEnd} on: which
 * segments hold them, and taking them back out after a failed fsync. The outbox calls it under its
 * monitor.
 */
public final class UnsyncedTail {
  private UnsyncedTail() {
  }

  /** The segments holding records at or after {@code durableEnd}, in order. */
  public static List<Segment> segments(TreeMap<Long, Segment> segments, long durableEnd) {
    Long from = segments.floorKey(durableEnd);
    List<Segment> result = new ArrayList<>(2);
    for (Segment s : (from == null ? segments : segments.tailMap(from, true)).values()) {
      if (s.endSequence() > durableEnd) {
        result.add(s);
      }
    }
    return result;
  }

  /**
   * Cuts every record at or after {@code durableEnd} out: segments that start there or later are
   * removed and deleted, the one holding {@code durableEnd} is truncated before it. Failures are added
   * to {@code failure} (a segment that cannot be cut keeps its records, which are then published again
   * after a restart: at least once still holds).
   */
  public static void cutBack(TreeMap<Long, Segment> segments, long durableEnd, IOException failure) {
    for (Segment s : segments(segments, durableEnd)) {
      try {
        if (s.firstSequence() >= durableEnd) {
          segments.remove(s.firstSequence());
          s.delete();
        } else {
          s.truncate(new RecordPosition().locate(segments, durableEnd).offset(), durableEnd - s.firstSequence());
        }
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
