package io.tagflow.controlplane.repository.postgres;

import io.tagflow.controlplane.repository.Repositories;
import javax.sql.DataSource;

/** The control plane's repositories over a migrated store database ({@link io.tagflow.controlplane.store.Database}). */
public final class PgRepositories {
  private PgRepositories() {
  }

  /** @param db the store's pool, schema already migrated */
  public static Repositories create(DataSource db) {
    PgLots lots = new PgLots(db);
    return new Repositories(lots, lots, new PgMovements(db), new PgObservations(db), new PgAuthorisations(db),
        new PgAnomalies(db));
  }
}
