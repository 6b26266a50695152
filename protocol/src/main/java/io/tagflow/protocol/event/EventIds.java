package io.tagflow.protocol.event;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.UUIDClock;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Mints UUIDv7 event ids (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits, so ids sort
 * by creation time and index well. The generator is java-uuid-generator's, driven by the injected
 * {@link Clock}; within one millisecond it keeps ids increasing (RFC 9562 §6.2, method 1).
 *
 * <p>Thread-safe.
 */
public final class EventIds {
  private final TimeBasedEpochGenerator generator;

  /** Ids whose timestamps come from {@code clock}. */
  public EventIds(Clock clock) {
    UUIDClock uuidClock = new UUIDClock() {
      @Override
      public long currentTimeMillis() {
        return clock.millis();
      }
    };
    this.generator = Generators.timeBasedEpochGenerator(new SecureRandom(), uuidClock);
  }

  /** Ids stamped by the system clock (UTC). */
  public static EventIds system() {
    return new EventIds(Clock.systemUTC());
  }

  /** A new UUIDv7. */
  public UUID next() {
    return generator.generate();
  }

  /**
   * The instant embedded in a UUIDv7, to the millisecond.
   *
   * @throws IllegalArgumentException if {@code id} is not a version 7 UUID
   */
  public static Instant timestampOf(UUID id) {
    if (id.version() != 7) {
      throw new IllegalArgumentException("expected a UUIDv7, got version " + id.version());
    }
    return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
  }
}
