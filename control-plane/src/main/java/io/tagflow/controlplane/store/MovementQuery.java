package io.tagflow.controlplane.store;

import io.tagflow.protocol.event.Direction;
import java.time.Instant;

/**
 * Which movements to list: those of a site with {@code from <= movedAt < to}, optionally at one door,
 * in one direction, or carrying tags of one lot; newest first, {@code limit} per page, after
 * {@code after}. Build it with {@link #of} and the {@code with...} methods.
 *
 * @param doorId null for every door
 * @param direction null for both
 * @param lotId null for every lot
 * @param after null for the first page
 */
public record MovementQuery(String siteId, Instant from, Instant to, String doorId, Direction direction, String lotId,
                            int limit, MovementCursor after) {
  /** The largest page {@link MovementRepository#find} returns. */
  public static final int MAX_LIMIT = 1000;
  public static final int DEFAULT_LIMIT = 100;

  public MovementQuery {
    if (siteId == null || from == null || to == null) {
      throw new IllegalArgumentException("siteId, from and to are required");
    }
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT);
    }
  }

  /** Every movement of a site in [from, to), first page of {@link #DEFAULT_LIMIT}. */
  public static MovementQuery of(String siteId, Instant from, Instant to) {
    return new MovementQuery(siteId, from, to, null, null, null, DEFAULT_LIMIT, null);
  }

  public MovementQuery withDoor(String doorId) {
    return new MovementQuery(siteId, from, to, doorId, direction, lotId, limit, after);
  }

  public MovementQuery withDirection(Direction direction) {
    return new MovementQuery(siteId, from, to, doorId, direction, lotId, limit, after);
  }

  public MovementQuery withLot(String lotId) {
    return new MovementQuery(siteId, from, to, doorId, direction, lotId, limit, after);
  }

  public MovementQuery withLimit(int limit) {
    return new MovementQuery(siteId, from, to, doorId, direction, lotId, limit, after);
  }

  public MovementQuery after(MovementCursor after) {
    return new MovementQuery(siteId, from, to, doorId, direction, lotId, limit, after);
  }
}
