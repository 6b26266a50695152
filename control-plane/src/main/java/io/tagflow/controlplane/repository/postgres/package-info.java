/**
 * The {@link io.tagflow.controlplane.repository} interfaces over the PostgreSQL store
 * ({@link io.tagflow.controlplane.store}): movement reads and tag import go through the store's own
 * repositories; lots (with the API's extra columns), anomalies, authorisations and the live-state rebuild
 * are plain JDBC here. {@link java.sql.SQLException}s are rethrown as {@link
 * io.tagflow.controlplane.repository.postgres.StoreException} with the original as cause (a transient one,
 * such as a pool timeout, is answered 503 by the API).
 */
package io.tagflow.controlplane.repository.postgres;
