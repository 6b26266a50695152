package io.tagflow.controlplane.repository;

import io.tagflow.controlplane.store.LotMovement;
import io.tagflow.controlplane.store.MovementPage;
import io.tagflow.controlplane.store.MovementQuery;
import java.util.List;

/**
 * Stored movements, read side (the ingest writes them). The query and page types are the store's
 * ({@link io.tagflow.controlplane.store.MovementQuery}: newest first by the movement id's UUIDv7 time,
 * keyset cursor {@link io.tagflow.controlplane.store.MovementCursor}).
 */
public interface MovementRepository {
  /** One page of movements; see {@link MovementQuery} for order and filters. */
  MovementPage find(MovementQuery query);

  /** Movements (any site) that carried at least one registered tag of {@code lotId}, oldest first, at most {@code limit}. */
  List<LotMovement> ofLot(String lotId, int limit);
}
