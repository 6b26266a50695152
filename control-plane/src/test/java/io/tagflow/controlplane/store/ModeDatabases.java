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
 * the extension, with its policies paused ({@link #pausePolicies}). Store ITs run each test body once per mode.
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
        Database db = Database.open(StoreOptions.defaults(timescale.get().jdbcUrl()), clock);
        databases.put(StorageMode.TIMESCALE, db);
        pausePolicies(db);
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

  /**
   * Takes a TimescaleDB database's policies (compression, retention, aggregate refresh) and tagflow's own
   * jobs (the stamping compression of movement_tags) off the scheduler.
   * Otherwise the scheduler may compress or materialise while a test runs: rows a test stores for a bucket
   * the aggregate has already materialised count only after the next refresh, so what a test sees would
   * depend on timing. Tests that need a policy run it with {@code CALL run_job}.
   */
  static void pausePolicies(Database db) throws SQLException {
    queryRows(db, "SELECT alter_job(job_id, scheduled => false) FROM timescaledb_information.jobs"
        + " WHERE (proc_name LIKE 'policy_%' AND hypertable_name IS NOT NULL) OR proc_name LIKE 'tagflow_%'");
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
