package io.tagflow.gateway.pipeline.internal;

/**
 * When each tag next needs its per-tag tick work: a hashed timing wheel (Varghese and Lauck,
 * "Hashed and hierarchical timing wheels", SOSP 1987) of intrusive doubly-linked lists threaded
 * through {@link TagTrack}, so a tick visits the tags whose time has come instead of sweeping the
 * whole tag table.
 *
 * <p>Buckets are {@code 2^16} µs (65.5 ms) of gateway time; the wheel has {@value #SLOTS} of them
 * (67 s). A tag due further ahead sits in its slot and is passed over on earlier rounds. Deadlines
 * are lazy: {@link #schedule} never moves a tag later, only earlier, so a tag that keeps being read
 * (its departure deadline moving ahead with every read) is visited once per deadline it had, found
 * not due, and scheduled again. Visiting a tag early is harmless because every stage's tick work
 * is a no-op when nothing is due.
 */
final class TickSchedule {
  private static final int SHIFT = 16;
  private static final int SLOTS = 1024;
  private static final long NONE = Long.MAX_VALUE;

  private final TagTrack[] heads = new TagTrack[SLOTS];
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
    int slot = (int) (bucket & (SLOTS - 1));
    TagTrack head = heads[slot];
    t.wakeNext = head;
    t.wakePrev = null;
    if (head != null) {
      head.wakePrev = t;
    }
    heads[slot] = t;
    t.wakeSlot = slot;
    t.wakeMicros = wakeMicros;
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
      TagTrack t = heads[(int) (b & (SLOTS - 1))];
      while (t != null) {
        TagTrack next = t.wakeNext;
        if (t.wakeMicros <= nowMicros) {
          unlink(t);
          t.wakeMicros = NONE;
          due.add(t);
        }
        t = next;
      }
    }
    current = to;
  }

  private void unlink(TagTrack t) {
    if (t.wakePrev != null) {
      t.wakePrev.wakeNext = t.wakeNext;
    } else {
      heads[t.wakeSlot] = t.wakeNext;
    }
    if (t.wakeNext != null) {
      t.wakeNext.wakePrev = t.wakePrev;
    }
    t.wakeNext = null;
    t.wakePrev = null;
  }
}
