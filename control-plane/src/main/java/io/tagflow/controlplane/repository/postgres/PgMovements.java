package io.tagflow.controlplane.repository.postgres;

import static io.tagflow.controlplane.repository.postgres.StoreException.wrap;

import io.tagflow.controlplane.repository.MovementRepository;
import io.tagflow.controlplane.store.LotMovement;
import io.tagflow.controlplane.store.MovementPage;
import io.tagflow.controlplane.store.MovementQuery;
import java.util.List;
import javax.sql.DataSource;

/** Movement reads through the store's {@link io.tagflow.controlplane.store.MovementRepository}. */
final class PgMovements implements MovementRepository {
  private final io.tagflow.controlplane.store.MovementRepository store;

  PgMovements(DataSource db) {
    this.store = new io.tagflow.controlplane.store.MovementRepository(db);
  }

  @Override
  public MovementPage find(MovementQuery query) {
    return wrap("find movements", () -> store.find(query));
  }

  @Override
  public List<LotMovement> ofLot(String lotId, int limit) {
    return wrap("movements of lot", () -> store.movementsOfLot(lotId, limit));
  }
}
