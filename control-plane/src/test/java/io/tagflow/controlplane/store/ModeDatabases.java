package io.tagflow.controlplane.store;

import io.tagflow.testing.TestDatabase;
import io.tagflow.testing.TestServices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One migrated database per storage mode the test servers offer: plain partitioning always (forced, on
 * the main test server), TimescaleDB when {@link TestServices#newTimescaleDatabase} finds a server with
 * the extension. Store ITs run each test body once per mode.
 */
final class ModeDatabases implements AutoCloseable {
  private final Map<StorageMode, TestDatabase> servers = new EnumMap<>(StorageMode.class);
  private final Map<StorageMode, Database> databases = new EnumMap<>(StorageMode.class);

  ModeDatabases(String testName, Clock clock) throws SQLException {
    try {
      TestDatabase plain = TestServices.newDatabase(testName + "_plain");
      servers.put(StorageMode.PLAIN, plain);
      databases.put(StorageMode.PLAIN, Database.open(StoreOptions.defaults(plain.jdbcUrl()).withForcePlain(true),
          clock));
      Optional<TestDatabase> timescale = TestServices.newTimescaleDatabase(testName + "_timescale");
      if (timescale.isPresent()) {
        servers.put(StorageMode.TIMESCALE, timescale.get());
        databases.put(StorageMode.TIMESCALE, Database.open(StoreOptions.defaults(timescale.get().jdbcUrl()), clock));
      }
    } catch (SQLException | RuntimeException e) {
      close(); // drop the databases already created
      throw e;
    }
  }

  Stream<StorageMode> modes() {
    return databases.keySet().stream();
  }

  Database get(StorageMode mode) {
    return databases.get(mode);
  }

  TestDatabase server(StorageMode mode) {
    return servers.get(mode);
  }

  /** The first column of every row of {@code sql}, as text, with the session in UTC. */
  static List<String> queryRows(Database db, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SET TIME ZONE 'UTC'");
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
    }
    return rows;
  }

  @Override
  public void close() {
    databases.values().forEach(Database::close);
    servers.values().forEach(TestDatabase::close);
  }
}
