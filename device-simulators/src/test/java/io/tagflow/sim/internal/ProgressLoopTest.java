package io.tagflow.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressLoopTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void run_untilEnd_ticksEveryPeriodAndLastAtTheEnd() throws InterruptedException {
    List<Long> ticks = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + 70 * MS;
    long last = ProgressLoop.run(20 * MS, end, new CountDownLatch(1), ticks::add);
    // Waits of 20, 20, 20 and the last 10 ms: never more than four lines, the last at or past the end.
    assertThat(ticks).hasSizeBetween(1, 4).isSorted();
    assertThat(ticks.get(0)).isGreaterThanOrEqualTo(start + 20 * MS);
    assertThat(last).isEqualTo(ticks.get(ticks.size() - 1)).isGreaterThanOrEqualTo(end);
  }

  @Test
  void run_stopCountedDown_oneTickThenReturns() throws InterruptedException {
    List<Long> ticks = new ArrayList<>();
    CountDownLatch stop = new CountDownLatch(1);
    stop.countDown();
    ProgressLoop.run(TimeUnit.HOURS.toNanos(1), Long.MAX_VALUE, stop, ticks::add);
    assertThat(ticks).hasSize(1);
  }

  @Test
  void run_endAlreadyPassed_oneTickWithoutWaiting() throws InterruptedException {
    List<Long> ticks = new ArrayList<>();
    long start = System.nanoTime();
    ProgressLoop.run(TimeUnit.HOURS.toNanos(1), start - 1, new CountDownLatch(1), ticks::add);
    assertThat(ticks).hasSize(1);
    assertThat(ticks.get(0) - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
  }
}
