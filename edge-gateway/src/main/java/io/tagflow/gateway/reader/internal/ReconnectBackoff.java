package io.tagflow.gateway.reader.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential with "equal jitter", reset after a healthy session.
 *
 * <p>The n-th consecutive failure (n from 1) has a ceiling of {@code min * 2^(n-1)}, capped at {@code
 * max}; the delay is drawn uniformly from {@code [ceiling/2, ceiling]}. Keeping half the ceiling
 * makes the delay really grow with each failure, while the random half spreads out the gateways'
 * readers that all lost the network at the same instant, so they do not reconnect in lock step.
 *
 * <p>A session that reached RUNNING and lasted at least {@code healthyAfter} proves the reader works
 * again, so the next failure starts from {@code min}. A session that dies sooner (a reader that
 * accepts TCP and then fails every time) keeps growing the delay. Not thread-safe: used on the
 * session's event loop.
 */
public final class ReconnectBackoff {
  private final long minMillis;
  private final long maxMillis;
  private final long healthyMillis;
  private final RandomGenerator random;
  private int failures;

  public ReconnectBackoff(Duration min, Duration max, Duration healthyAfter, RandomGenerator random) {
    this.minMillis = min.toMillis();
    this.maxMillis = max.toMillis();
    this.healthyMillis = healthyAfter.toMillis();
    this.random = random;
    if (minMillis < 1 || maxMillis < minMillis) {
      throw new IllegalArgumentException("backoff needs 1 ms <= min <= max, was " + min + ".." + max);
    }
  }

  /**
   * The delay before the next connection attempt, after a session ended.
   *
   * @param runningFor how long the ended session was RUNNING, {@link Duration#ZERO} if it never was
   */
  public Duration nextDelay(Duration runningFor) {
    if (runningFor.toMillis() >= healthyMillis) {
      failures = 0;
    }
    failures++;
    long ceiling = ceilingMillis(failures);
    long half = ceiling / 2;
    return Duration.ofMillis(ceiling - half + random.nextLong(half + 1));
  }

  /** Consecutive failures so far. */
  public int failures() {
    return failures;
  }

  private long ceilingMillis(int failure) {
    // min * 2^(failure-1) without overflow: stop doubling once max is reached.
    long ceiling = minMillis;
    for (int i = 1; i < failure && ceiling < maxMillis; i++) {
      ceiling = ceiling > maxMillis / 2 ? maxMillis : ceiling * 2;
    }
    return Math.min(ceiling, maxMillis);
  }
}
