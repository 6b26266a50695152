package io.tagflow.controlplane.store;

import io.tagflow.protocol.event.Direction;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored movement without its tags.
 *
 * @param movedAt the timestamp of the UUIDv7 {@code movementId}: when the gateway concluded the
 *     movement; movements are ordered, paged and partitioned by it
 * @param palletSscc null when no pallet label was read
 */
public record MovementSummary(UUID movementId, Instant movedAt, String siteId, String gatewayId, String doorId,
                              Direction direction, double confidence, Instant startedAt, Instant endedAt,
                              String palletSscc, int tagCount) {
}
