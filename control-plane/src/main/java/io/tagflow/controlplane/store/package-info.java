/**
 * The control plane's storage: PostgreSQL over JDBC (HikariCP pool, Flyway migrations in
 * {@code db/migration}), with TimescaleDB for movements when the server has it and native range
 * partitioning otherwise ({@link io.tagflow.controlplane.store.Database}).
 *
 * <p>Write methods take a {@link java.sql.Connection} so that ingest can put a whole batch in one
 * transaction; read methods take their own connection from the pool. The door placements of stored
 * movements are folded into {@code tag_locations} after that transaction, several batches at a time,
 * from the store's own thread ({@link io.tagflow.controlplane.store.PostgresEventStore}); reads of
 * tag locations include those not folded yet. All methods block: call them on
 * a worker thread, never on a Vert.x event loop. Every parameter and returned value is non-null
 * unless its javadoc says otherwise.
 */
package io.tagflow.controlplane.store;
