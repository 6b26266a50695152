package io.tagflow.gateway.reader.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
  /** Always draws 0: the delay is the lower edge, half the ceiling. */
  private static final RandomGenerator LOWEST = () -> 0L;
  private static final Duration MIN = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofSeconds(10);
  private static final Duration HEALTHY = Duration.ofSeconds(30);

  @Test
  void nextDelay_consecutiveFailures_doublesUpToTheCap() {
    ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, HEALTHY, LOWEST);
    long[] delays = new long[7];
    for (int i = 0; i < delays.length; i++) {
      delays[i] = backoff.nextDelay(Duration.ZERO).toMillis();
    }
    // ceilings 1, 2, 4, 8, 10, 10, 10 s; the lowest draw is half of each
    assertThat(delays).containsExactly(500, 1000, 2000, 4000, 5000, 5000, 5000);
    assertThat(backoff.failures()).isEqualTo(7);
  }

  @Test
  void nextDelay_randomDraws_stayWithinHalfCeilingAndCeiling() {
    ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, HEALTHY, new SplittableRandom(42));
    long ceiling = 1000;
    for (int i = 0; i < 50; i++) {
      long delay = backoff.nextDelay(Duration.ZERO).toMillis();
      assertThat(delay).isBetween(ceiling / 2, ceiling);
      ceiling = Math.min(ceiling * 2, 10_000);
    }
  }

  @Test
  void nextDelay_jitter_spreadsReadersThatFailTogether() {
    ReconnectBackoff a = new ReconnectBackoff(MIN, MAX, HEALTHY, new SplittableRandom(1));
    ReconnectBackoff b = new ReconnectBackoff(MIN, MAX, HEALTHY, new SplittableRandom(2));
    a.nextDelay(Duration.ZERO);
    b.nextDelay(Duration.ZERO);
    assertThat(a.nextDelay(Duration.ZERO)).isNotEqualTo(b.nextDelay(Duration.ZERO));
  }

  @Test
  void nextDelay_afterHealthySession_startsAgainFromMin() {
    ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, HEALTHY, LOWEST);
    backoff.nextDelay(Duration.ZERO);
    backoff.nextDelay(Duration.ZERO);
    backoff.nextDelay(Duration.ZERO);
    assertThat(backoff.nextDelay(Duration.ofSeconds(30)).toMillis()).isEqualTo(500);
    assertThat(backoff.failures()).isEqualTo(1);
  }

  @Test
  void nextDelay_afterShortSession_keepsGrowing() {
    ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, HEALTHY, LOWEST);
    backoff.nextDelay(Duration.ZERO);
    assertThat(backoff.nextDelay(Duration.ofSeconds(29)).toMillis()).isEqualTo(1000);
  }

  @Test
  void nextDelay_hugeFailureCount_doesNotOverflow() {
    ReconnectBackoff backoff = new ReconnectBackoff(MIN, Duration.ofDays(20), HEALTHY, LOWEST);
    Duration last = Duration.ZERO;
    for (int i = 0; i < 200; i++) {
      last = backoff.nextDelay(Duration.ZERO);
    }
    assertThat(last).isEqualTo(Duration.ofDays(10));
  }

  @Test
  void constructor_maxBelowMin_isRejected() {
    assertThatThrownBy(() -> new ReconnectBackoff(MAX, MIN, HEALTHY, LOWEST)).hasMessageContaining("min <= max");
  }
}
