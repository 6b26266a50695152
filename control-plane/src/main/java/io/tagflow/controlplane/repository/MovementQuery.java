package io.tagflow.controlplane.repository;

import io.tagflow.protocol.event.Direction;
import java.time.Instant;
import java.util.Objects;

/**
 * A page request for a site's movements, newest first ({@code endedAt} descending, then
 * {@code movementId} descending).
 *
 * @param site site id
 * @param from nullable: only movements with {@code endedAt >= from}
 * @param to nullable: only movements with {@code endedAt < to}
 * @param door nullable: only through this door
 * @param direction nullable: only this direction
 * @param lotId nullable: only movements carrying at least one registered tag of this lot
 * @param after nullable: only movements after this cursor
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 */
public record MovementQuery(String site, Instant from, Instant to, String door, Direction direction, String lotId,
    MovementCursor after, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public MovementQuery {
    Objects.requireNonNull(site, "site");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + " (got " + limit + ")");
    }
  }
}
