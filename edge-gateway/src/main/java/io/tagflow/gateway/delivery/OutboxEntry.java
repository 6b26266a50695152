package io.tagflow.gateway.delivery;

import java.time.Instant;

/**
 * A stored outbox entry as handed out for publishing.
 *
 * @param sequence the outbox sequence number, increasing in append order
 * @param appendedAt when it was appended, by the outbox's clock (for age and publish latency)
 * @param message the publication
 */
public record OutboxEntry(long sequence, Instant appendedAt, OutboxMessage message) {
}
