package io.tagflow.controlplane.repository;

import io.tagflow.protocol.event.MovementEvent;
import java.util.List;
import java.util.Optional;

/**
 * One page of movements and, when more may follow, the cursor of its last item.
 *
 * @param next present when the page is full (there may be more), absent on the last page
 */
public record MovementPage(List<MovementEvent> items, Optional<MovementCursor> next) {
  public MovementPage {
    items = List.copyOf(items);
  }

  /** A page of {@code items} for a query of {@code limit}: the next cursor is set when the page is full. */
  public static MovementPage of(List<MovementEvent> items, int limit) {
    Optional<MovementCursor> next = items.size() < limit || items.isEmpty() ? Optional.empty()
        : Optional.of(new MovementCursor(items.get(items.size() - 1).endedAt(), items.get(items.size() - 1).movementId()));
    return new MovementPage(items, next);
  }
}
