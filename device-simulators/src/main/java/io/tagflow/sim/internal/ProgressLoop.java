package io.tagflow.sim.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The wait-then-print loop of the simulator's long-running commands: one progress line per period. */
public final class ProgressLoop {
  private ProgressLoop() {
  }

  /** One progress line. */
  @FunctionalInterface
  public interface Tick {
    /** @param nowNanos {@link System#nanoTime} right after the wait */
    void at(long nowNanos);
  }

  /**
   * Waits {@code periodNanos} at a time (the last wait shorter, to end at {@code endNanos}) and calls
   * {@code tick} after every wait; returns after the tick at or past {@code endNanos}, or the one right
   * after {@code stop} counted down.
   *
   * @param endNanos the {@link System#nanoTime} to stop at; {@link Long#MAX_VALUE}: only {@code stop} ends it
   * @param stop ends the loop early when it counts down (a latch nobody counts down: by time only)
   * @return the {@code nowNanos} of the last tick
   */
  public static long run(long periodNanos, long endNanos, CountDownLatch stop, Tick tick)
      throws InterruptedException {
    while (true) {
      long wait = Math.min(periodNanos, endNanos - System.nanoTime());
      boolean stopped = wait <= 0 || stop.await(wait, TimeUnit.NANOSECONDS);
      long now = System.nanoTime();
      tick.at(now);
      if (stopped || now >= endNanos) {
        return now;
      }
    }
  }
}
