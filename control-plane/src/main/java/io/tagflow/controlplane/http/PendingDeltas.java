package io.tagflow.controlplane.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The encoded deltas of one site waiting for the next {@link Frame}, in the order they were added, with
 * repeats of a bin's occupancy coalesced: an occupancy message is absolute, so only the newest of a bin
 * is kept, at the place of the newest. Movements and anomalies are kept one by one.
 *
 * <p>Bounded: past {@code maxDeltas} deltas or {@code maxChars} characters (the next frame is late, say
 * the event loops are starved) everything pending is dropped and the next frame is a
 * {@linkplain Frame#resync() resync}: clients re-read the snapshot instead of missing deltas silently.
 * Deltas added after an overflow, until the next {@link #drain}, are dropped too (the snapshot, taken
 * after the drain, holds them).
 *
 * <p>Not thread-safe: the owner locks.
 */
final class PendingDeltas {
  private final int maxDeltas;
  private final long maxChars;
  private final Map<Object, String> deltas = new LinkedHashMap<>();
  private long chars;
  private long sequence;
  private boolean overflowed;

  PendingDeltas(int maxDeltas, long maxChars) {
    if (maxDeltas < 1 || maxChars < 1) {
      throw new IllegalArgumentException("maxDeltas and maxChars must be positive");
    }
    this.maxDeltas = maxDeltas;
    this.maxChars = maxChars;
  }

  /**
   * Adds one encoded delta.
   *
   * @param bin the bin of an occupancy delta (replaces that bin's pending one), null for any other delta
   * @return true when nothing was pending before (the caller schedules the next frame)
   */
  boolean add(String bin, String json) {
    boolean wasEmpty = isEmpty();
    if (overflowed) {
      return wasEmpty;
    }
    Object key = bin == null ? Long.valueOf(sequence++) : "occupancy:" + bin;
    String replaced = deltas.remove(key);
    if (replaced != null) {
      chars -= replaced.length();
    }
    deltas.put(key, json);
    chars += json.length();
    if (deltas.size() > maxDeltas || chars > maxChars) {
      deltas.clear();
      chars = 0;
      overflowed = true;
    }
    return wasEmpty;
  }

  /** True when the next {@link #drain} would return nothing. */
  boolean isEmpty() {
    return deltas.isEmpty() && !overflowed;
  }

  /** The pending deltas as one frame of {@code site} (or a resync after an overflow); empties this. */
  Frame drain(String site) {
    Frame frame = overflowed ? Frame.resync(site) : Frame.of(site, new ArrayList<>(deltas.values()));
    deltas.clear();
    chars = 0;
    overflowed = false;
    return frame;
  }

  /** How many characters the pending deltas hold. */
  long chars() {
    return chars;
  }

  /** How many deltas are pending. */
  int size() {
    return deltas.size();
  }
}
