package io.tagflow.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  private static final Instant AT = Instant.parse("2026-11-21T08:30:00.123Z");

  @Test
  void next_fixedClock_isVersion7WithClockTimestamp() {
    EventIds ids = new EventIds(Clock.fixed(AT, ZoneOffset.UTC));

    UUID id = ids.next();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(EventIds.timestampOf(id)).isEqualTo(AT);
  }

  @Test
  void next_sameMillisecond_staysIncreasingAndUnique() {
    EventIds ids = new EventIds(Clock.fixed(AT, ZoneOffset.UTC));
    List<UUID> minted = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      minted.add(ids.next());
    }

    assertThat(minted).doesNotHaveDuplicates();
    // UUIDv7 text sorts by time then counter; java.util.UUID#compareTo is signed, so compare text.
    assertThat(minted.stream().map(UUID::toString).toList()).isSorted();
  }

  @Test
  void timestampOf_uuidV4_isRefused() {
    assertThatThrownBy(() -> EventIds.timestampOf(UUID.fromString("8a6e0804-2bd0-4672-b79d-d97027f9071a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("expected a UUIDv7, got version 4");
  }
}
