package io.tagflow.gateway.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.pipeline.DecisionListener;
import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.gateway.pipeline.ReadPoint;
import io.tagflow.gateway.pipeline.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TickScheduleTest {
  private static final long BUCKET = 1 << 16;
  private static final long T0 = 1_795_249_800_000_000L;

  private final PipelineCore core = core();
  private final TickSchedule schedule = new TickSchedule();

  private static PipelineCore core() {
    ReadPoints rps = new ReadPoints();
    rps.map("r", 1, ReadPoint.door("D", Side.OUTSIDE), Double.NaN);
    rps.map("r", 2, ReadPoint.door("D", Side.INSIDE), Double.NaN);
    return new PipelineCore(rps, FilterSettings.defaults(), List.of(), List.of(), DecisionListener.NONE);
  }

  private static TagTrack tag(int n) {
    return new TagTrack(0x3034_0000_0000_0000L + n, n, 2, 2, 1, 0);
  }

  private List<TagTrack> takeDue(long now) {
    PipelineCore.DueTags due = core.new DueTags();
    schedule.takeDue(now, due);
    List<TagTrack> taken = new ArrayList<>();
    for (int i = 0; i < due.size(); i++) {
      taken.add(due.get(i));
      due.get(i).dueTick = 0; // as if the pipeline had ticked
    }
    return taken;
  }

  @Test
  void takeDue_severalTagsInOneBucket_takesTheDueOnesNewestFirstAndKeepsTheOthers() {
    TagTrack a = tag(1);
    TagTrack b = tag(2);
    TagTrack c = tag(3);
    TagTrack later = tag(4);
    takeDue(T0);
    schedule.schedule(a, T0 + 10);
    schedule.schedule(later, T0 + BUCKET / 2);
    schedule.schedule(b, T0 + 20);
    schedule.schedule(c, Long.MIN_VALUE);

    assertThat(takeDue(T0 + 100)).containsExactly(c, b, a);
    assertThat(takeDue(T0 + 200)).isEmpty();
    assertThat(takeDue(T0 + BUCKET / 2)).containsExactly(later);
  }

  @Test
  void schedule_laterDeadlineForAScheduledTag_keepsTheEarlierOne() {
    TagTrack a = tag(1);
    takeDue(T0);
    schedule.schedule(a, T0 + 3 * BUCKET);
    schedule.schedule(a, T0 + 9 * BUCKET);
    schedule.schedule(a, T0 + BUCKET);

    assertThat(takeDue(T0 + BUCKET - 1)).isEmpty();
    assertThat(takeDue(T0 + BUCKET)).containsExactly(a);
    assertThat(takeDue(T0 + 10 * BUCKET)).isEmpty();
  }

  /**
   * Random schedules, cancels, two-step every-tick schedules and takes against a model of the
   * linked-list wheel the arrays replaced (insert at the head, walk from the head): the same tags
   * come out in the same order, so the pipeline visits tags, and decides, as before.
   */
  @Test
  void takeDue_randomOperations_sameTagsInTheSameOrderAsLinkedListBuckets() {
    SplittableRandom random = new SplittableRandom(7);
    Model model = new Model();
    List<TagTrack> tags = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      tags.add(tag(i));
    }
    long now = T0;
    List<TagTrack> taken = takeDue(now);
    model.takeDue(now);
    for (int round = 0; round < 2_000; round++) {
      List<TagTrack> placeLater = new ArrayList<>();
      for (TagTrack t : taken) {
        if (random.nextInt(3) == 0) {
          schedule.prepareEveryTick(t);
          placeLater.add(t);
        } else {
          long wake = now + random.nextLong(-BUCKET, 40 * BUCKET);
          schedule.schedule(t, wake);
          model.schedule(t, wake);
        }
      }
      for (TagTrack t : placeLater) {
        schedule.placeEveryTick(t);
        model.schedule(t, Long.MIN_VALUE);
      }
      for (int k = 0; k < 20; k++) {
        TagTrack t = tags.get(random.nextInt(tags.size()));
        if (t.wakeMicros == Long.MIN_VALUE) {
          continue; // placed for the next tick: taken before anything else may touch it
        }
        if (random.nextInt(5) == 0) {
          schedule.cancel(t);
          model.cancel(t);
        } else {
          long wake = now + random.nextLong(0, 60 * BUCKET);
          schedule.schedule(t, wake);
          model.schedule(t, wake);
        }
      }
      now += random.nextLong(0, 3 * BUCKET);
      taken = takeDue(now);
      assertThat(taken).as("round %d", round).containsExactlyElementsOf(model.takeDue(now));
    }
  }

  /** The linked-list timing wheel, as a list per bucket with the newest tag first. */
  private static final class Model {
    private final Map<Integer, LinkedList<TagTrack>> buckets = new HashMap<>();
    private final Map<TagTrack, Long> wake = new HashMap<>();
    private final Map<TagTrack, Integer> slotOf = new HashMap<>();
    private long current = Long.MIN_VALUE;

    void schedule(TagTrack t, long w) {
      Long old = wake.get(t);
      if (old != null && old <= w) {
        return;
      }
      cancel(t);
      long bucket = w >> 16;
      if (current != Long.MIN_VALUE && bucket < current) {
        bucket = current;
      }
      int slot = (int) (bucket & 1023);
      buckets.computeIfAbsent(slot, s -> new LinkedList<>()).addFirst(t);
      wake.put(t, w);
      slotOf.put(t, slot);
    }

    void cancel(TagTrack t) {
      if (wake.remove(t) != null) {
        buckets.get(slotOf.remove(t)).remove(t);
      }
    }

    List<TagTrack> takeDue(long now) {
      long to = now >> 16;
      long from = current == Long.MIN_VALUE ? to : current;
      if (to - from >= 1024 || from > to) {
        from = to - 1024 + 1;
      }
      List<TagTrack> due = new ArrayList<>();
      for (long b = from; b <= to; b++) {
        LinkedList<TagTrack> list = buckets.getOrDefault((int) (b & 1023), new LinkedList<>());
        for (var it = list.iterator(); it.hasNext(); ) {
          TagTrack t = it.next();
          if (wake.get(t) <= now) {
            it.remove();
            wake.remove(t);
            slotOf.remove(t);
            due.add(t);
          }
        }
      }
      current = to;
      return due;
    }
  }
}
