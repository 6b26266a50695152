package io.tagflow.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A database created for one test class. {@link #close()} drops it.
 *
 * @param jdbcUrl the JDBC URL of this database, credentials included where the server needs them
 * @param name the database name
 * @param timescaleAvailable whether the server offers the TimescaleDB extension
 * @param source where the server came from (environment, container or embedded)
 */
public record TestDatabase(String jdbcUrl, String name, boolean timescaleAvailable, String source,
                           PostgresServer server) implements AutoCloseable {

  /** Opens a new connection to this database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, new Properties());
  }

  @Override
  public void close() {
    server.dropDatabase(name);
  }
}
