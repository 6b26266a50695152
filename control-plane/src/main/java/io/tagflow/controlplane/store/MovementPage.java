package io.tagflow.controlplane.store;

import java.util.List;

/** One page of movements, newest first; {@code next} is null on the last page. */
public record MovementPage(List<MovementSummary> movements, MovementCursor next) {
  public MovementPage {
    movements = List.copyOf(movements);
  }
}
