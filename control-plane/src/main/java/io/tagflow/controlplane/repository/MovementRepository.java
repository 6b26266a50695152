package io.tagflow.controlplane.repository;

import io.tagflow.protocol.event.MovementEvent;
import java.util.List;

/** Stored movements, read side (the ingest writes them). */
public interface MovementRepository {
  /** One page; see {@link MovementQuery} for order and filters and {@link MovementPage#of} for the cursor. */
  MovementPage find(MovementQuery query);

  /**
   * Movements (any site) that carried at least one registered tag of {@code lotId}, oldest first, at most
   * {@code limit}.
   */
  List<MovementEvent> ofLot(String lotId, int limit);
}
