package io.tagflow.controlplane.repository.postgres;

import io.tagflow.controlplane.repository.Repositories;
import javax.sql.DataSource;

/** The control plane's repositories over a migrated store database ({@link io.tagflow.controlplane.store.Database}). */
public final class PgRepositories {
  private PgRepositories() {
  }

  /**
   * @param db the store's pool, schema already migrated
   * @param clock expires cached registry look-ups ({@link TagLotCache#DEFAULT_TTL})
   */
  public static Repositories create(DataSource db, java.time.Clock clock) {
    PgLots lots = new PgLots(db, new TagLotCache(TagLotCache.DEFAULT_MAX_ENTRIES, TagLotCache.DEFAULT_TTL, clock));
    return new Repositories(lots, lots, new PgMovements(db), new PgObservations(db), new PgAuthorisations(db),
        new PgAnomalies(db));
  }
}
