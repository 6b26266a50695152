package io.tagflow.controlplane.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnacknowledgedDeliveriesTest {
  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  private final UnacknowledgedDeliveries deliveries = new UnacknowledgedDeliveries();

  @Test
  void release_onlyDelivery_isAcknowledgedOnce() {
    InboundMessage a = message(5);
    deliveries.delivered(a);

    assertThat(deliveries.release(a)).isTrue();
    assertThat(deliveries.release(a)).isFalse();
    assertThat(deliveries.size()).isZero();
  }

  @Test
  void release_redeliveredAfterReconnect_acknowledgesOnlyTheLatestCopy() {
    InboundMessage first = message(5);
    InboundMessage again = message(5);
    deliveries.delivered(first);
    deliveries.delivered(again);

    assertThat(deliveries.release(first)).isFalse();
    assertThat(deliveries.release(again)).isTrue();
  }

  @Test
  void release_lateCopyAfterIdentifierReused_doesNotReleaseTheNewMessage() {
    // first (id 5) and its redelivery again (id 5); again is acknowledged, the broker reuses 5 for next.
    InboundMessage first = message(5);
    InboundMessage again = message(5);
    InboundMessage next = message(5);
    deliveries.delivered(first);
    deliveries.delivered(again);
    assertThat(deliveries.release(again)).isTrue();
    deliveries.delivered(next);

    assertThat(deliveries.release(first)).isFalse();
    assertThat(deliveries.release(next)).isTrue();
  }

  private static InboundMessage message(int id) {
    return new InboundMessage("t", new byte[] {1}, id, 1, false, T0);
  }
}
