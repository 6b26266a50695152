package io.tagflow.controlplane.store;

import java.sql.SQLException;

/**
 * Where ingest puts its batches: the seam between ingest and the database.
 *
 * <p>Failure contract: {@link #store} is atomic and durable. When it returns, every event and dead
 * letter of the batch is committed; when it throws, nothing of the batch is stored and the caller
 * must not acknowledge its messages. Storing a batch again (after a redelivery) is harmless:
 * movements are idempotent by movement id and state updates never go back in time.
 */
public interface EventStore {
  StoredBatch store(EventBatch batch) throws SQLException;
}
