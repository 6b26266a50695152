package io.tagflow.gateway.pipeline.internal;

/**
 * When each tag next needs its per-tag tick work: a hashed timing wheel (Varghese and Lauck,
 * "Hashed and hierarchical timing wheels", SOSP 1987), so a tick visits the tags whose time has
 * come instead of sweeping the whole tag table.
 *
 * <p>Buckets are {@code 2^16} µs (65.5 ms) of gateway time; the wheel has {@value #SLOTS} of them
 * (67 s). A tag due further ahead sits in its slot and is passed over on earlier rounds. Deadlines
 * are lazy: {@link #schedule} never moves a tag later, only earlier, so a tag that keeps being read
 * (its departure deadline moving ahead with every read) is visited once per deadline it had, found
 * not due, and scheduled again. Visiting a tag early is harmless because every stage's tick work
 * is a no-op when nothing is due.
 *
 * <p>A bucket is an array of tags in the order they were scheduled, walked from the newest to the
 * oldest; a tag taken out leaves a hole (its index is kept in the tag), and a full array with at
 * least half holes is compacted in place, in order, before it grows. (An array rather than a linked
 * list: a walk knows the next tags' addresses before it has loaded the current one, so the cache
 * misses of a large bucket overlap instead of following one another.)
 */
final class TickSchedule {
  private static final int SHIFT = 16;
  private static final int SLOTS = 1024;
  private static final long NONE = Long.MAX_VALUE;
  private static final int INITIAL = 16;

  private final TagTrack[][] buckets = new TagTrack[SLOTS][];
  /** Per bucket: the used length of its array (holes included), and the tags in it. */
  private final int[] used = new int[SLOTS];
  private final int[] live = new int[SLOTS];
  /** The bucket of the last {@link #takeDue}: it is visited again by the next one. */
  private long current = Long.MIN_VALUE;

  /** Makes sure {@code t} is visited by the first {@link #takeDue} at or after {@code wakeMicros}. */
  void schedule(TagTrack t, long wakeMicros) {
    if (t.wakeMicros <= wakeMicros) {
      return;
    }
    if (t.wakeMicros != NONE) {
      unlink(t);
    }
    long bucket = wakeMicros >> SHIFT;
    if (current != Long.MIN_VALUE && bucket < current) {
      bucket = current;
    }
    append((int) (bucket & (SLOTS - 1)), t, true);
    t.wakeMicros = wakeMicros;
  }

  /**
   * {@code schedule(t, Long.MIN_VALUE)} in two steps, for a tag taken by the last {@link #takeDue}
   * (which set the current bucket):
   * {@code prepareEveryTick} writes the tag, {@link #placeEveryTick} later writes only the bucket,
   * so a caller can do the first while the tag is in the cache. No other call for {@code t} may come
   * between the two. (The tag's index in the bucket is not recorded: a tag due at once is taken by
   * the next {@code takeDue} before anything could move or cancel it; a compaction records it.)
   */
  void prepareEveryTick(TagTrack t) {
    t.wakeMicros = Long.MIN_VALUE;
    t.wakeSlot = (int) (current & (SLOTS - 1));
    t.wakeIndex = -1;
  }

  /** The second step of {@link #prepareEveryTick}. */
  void placeEveryTick(TagTrack t) {
    append((int) (current & (SLOTS - 1)), t, false);
  }

  /** Takes {@code t} out of the schedule (it is being forgotten). */
  void cancel(TagTrack t) {
    if (t.wakeMicros != NONE) {
      unlink(t);
      t.wakeMicros = NONE;
    }
  }

  /** Removes every tag due at {@code nowMicros} from the schedule and hands it to {@code due}. */
  void takeDue(long nowMicros, PipelineCore.DueTags due) {
    long to = nowMicros >> SHIFT;
    long from = current == Long.MIN_VALUE ? to : current;
    if (to - from >= SLOTS || from > to) { // a long gap, or the clock went back: visit every slot once
      from = to - SLOTS + 1;
    }
    for (long b = from; b <= to; b++) {
      int slot = (int) (b & (SLOTS - 1));
      TagTrack[] tags = buckets[slot];
      for (int i = used[slot] - 1; i >= 0; i--) {
        TagTrack t = tags[i];
        if (t != null && t.wakeMicros <= nowMicros) {
          tags[i] = null;
          live[slot]--;
          t.wakeMicros = NONE;
          due.add(t);
        }
      }
      trim(slot);
    }
    current = to;
  }

  private void append(int slot, TagTrack t, boolean record) {
    TagTrack[] tags = buckets[slot];
    int n = used[slot];
    if (tags == null) {
      tags = buckets[slot] = new TagTrack[INITIAL];
    } else if (n == tags.length) {
      if (live[slot] * 2 <= n) {
        n = compact(slot);
      } else {
        tags = buckets[slot] = java.util.Arrays.copyOf(tags, n * 2);
      }
    }
    tags[n] = t;
    if (record) {
      t.wakeSlot = slot;
      t.wakeIndex = n;
    }
    used[slot] = n + 1;
    live[slot]++;
  }

  /** Closes the holes of a bucket, keeping the order; returns its new used length. */
  private int compact(int slot) {
    TagTrack[] tags = buckets[slot];
    int n = 0;
    for (int i = 0; i < used[slot]; i++) {
      TagTrack t = tags[i];
      if (t != null) {
        t.wakeIndex = n;
        tags[n++] = t;
      }
    }
    java.util.Arrays.fill(tags, n, used[slot], null);
    used[slot] = n;
    return n;
  }

  /** Drops the holes at the newest end of a bucket. */
  private void trim(int slot) {
    TagTrack[] tags = buckets[slot];
    int n = used[slot];
    while (n > 0 && tags[n - 1] == null) {
      n--;
    }
    used[slot] = n;
  }

  private void unlink(TagTrack t) {
    buckets[t.wakeSlot][t.wakeIndex] = null;
    live[t.wakeSlot]--;
  }
}
