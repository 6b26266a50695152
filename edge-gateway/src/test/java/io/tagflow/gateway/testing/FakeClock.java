package io.tagflow.gateway.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A settable clock for tests: time moves only when the test moves it. Shared by every gateway test
 * that needs time (filters, windows, backoff); never use the wall clock in a test.
 */
public final class FakeClock implements InstantSource {
  private long micros;

  private FakeClock(long micros) {
    this.micros = micros;
  }

  /** A clock at {@code start}. */
  public static FakeClock at(Instant start) {
    return new FakeClock(start.getEpochSecond() * 1_000_000L + start.getNano() / 1000);
  }

  /** A clock at {@code micros} since the epoch. */
  public static FakeClock atMicros(long micros) {
    return new FakeClock(micros);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  @Override
  public long millis() {
    return Math.floorDiv(micros, 1000L);
  }

  public long micros() {
    return micros;
  }

  public FakeClock advance(Duration d) {
    micros += d.toNanos() / 1000;
    return this;
  }

  public FakeClock advanceMillis(long millis) {
    micros += millis * 1000;
    return this;
  }

  /** Moves to {@code micros}; never backwards. */
  public FakeClock setMicros(long newMicros) {
    if (newMicros < micros) {
      throw new IllegalArgumentException("a clock does not go back: " + newMicros + " < " + micros);
    }
    micros = newMicros;
    return this;
  }
}
