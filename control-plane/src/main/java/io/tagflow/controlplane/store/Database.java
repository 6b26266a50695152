package io.tagflow.controlplane.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's database: a HikariCP pool over a schema that Flyway brought up to date.
 *
 * <p><b>Choosing the storage mode.</b> A database records its mode in {@code storage_mode} when it is
 * first migrated and keeps it. For a new database, {@link #open} runs
 * {@code CREATE EXTENSION IF NOT EXISTS timescaledb} (unless {@link StoreOptions#forcePlain()}); when
 * that succeeds movements go to TimescaleDB, otherwise to plain PostgreSQL partitions. The choice is
 * logged once.
 *
 * <p><b>Why two Flyway locations.</b> Migrations live in {@code db/migration/common} plus one of
 * {@code db/migration/timescale} and {@code db/migration/plain}, which both define {@code V2}
 * (movements). Placeholders could switch single statements, but the two layouts differ in whole
 * statements (hypertable calls, compression, a continuous aggregate) and reading two plain SQL files
 * is clearer than one file of conditionals. Flyway's checksum of {@code V2} also catches a database
 * opened with the other mode's scripts. Every script runs in Flyway's transaction: the continuous
 * aggregate is created {@code WITH NO DATA}, which TimescaleDB allows in a transaction block, and its
 * refresh policy fills it.
 *
 * <p>Thread-safe. {@link #close()} closes the pool.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource pool;
  private final StorageMode mode;
  private final StoreOptions options;

  private Database(HikariDataSource pool, StorageMode mode, StoreOptions options) {
    this.pool = pool;
    this.mode = mode;
    this.options = options;
  }

  /**
   * Opens the pool, chooses or reads the storage mode, migrates the schema and, in plain mode,
   * creates the partitions for the coming months.
   *
   * @param clock decides which months' partitions are created ahead
   * @throws SQLException when the server cannot be reached or a migration fails; the pool is closed
   */
  public static Database open(StoreOptions options, Clock clock) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(options.jdbcUrl());
    if (options.user() != null) {
      config.setUsername(options.user());
    }
    if (options.password() != null) {
      config.setPassword(options.password());
    }
    config.setMaximumPoolSize(options.maximumPoolSize());
    config.setPoolName("tagflow-store");
    config.setAutoCommit(true);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      StorageMode mode = chooseMode(pool, options);
      migrate(pool, mode, options);
      if (mode == StorageMode.PLAIN) {
        ensurePartitions(pool, clock, options.partitionsAhead());
      }
      return new Database(pool, mode, options);
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** The pooled data source. */
  public DataSource dataSource() {
    return pool;
  }

  /** How this database stores movements. */
  public StorageMode mode() {
    return mode;
  }

  /** A connection from the pool; the caller closes it. */
  public Connection connect() throws SQLException {
    return pool.getConnection();
  }

  /**
   * Plain mode: makes sure the monthly partitions from the month of {@code clock} on exist (run at
   * start and worth running daily). Months whose rows already sit in the default partition are
   * skipped and logged. Does nothing in TimescaleDB mode, where chunks are created on demand.
   */
  public void ensurePartitions(Clock clock, int months) throws SQLException {
    if (mode == StorageMode.PLAIN) {
      ensurePartitions(pool, clock, months);
    }
  }

  /**
   * Daily housekeeping, to be run from a scheduled worker: in plain mode creates the coming months'
   * partitions and applies retention ({@link StoreOptions#retainFor()}); in TimescaleDB mode the
   * extension's own policies do both and this does nothing.
   */
  public void maintain(Clock clock) throws SQLException {
    if (mode == StorageMode.PLAIN) {
      ensurePartitions(clock, options.partitionsAhead());
      List<String> dropped = dropMovementsBefore(clock.instant().minus(options.retainFor()));
      if (!dropped.isEmpty()) {
        log.info("Retention dropped partitions {}", dropped);
      }
    }
  }

  /**
   * Deletes the movements (and their tags) with {@code moved_at} before {@code cutoff}, a whole
   * partition or chunk at a time where it can, and returns the partitions or chunks it dropped. In
   * plain mode, monthly partitions that straddle the cutoff are kept whole.
   */
  public List<String> dropMovementsBefore(Instant cutoff) throws SQLException {
    List<String> dropped = new ArrayList<>();
    try (Connection c = pool.getConnection()) {
      if (mode == StorageMode.PLAIN) {
        try (PreparedStatement ps = c.prepareStatement("SELECT tagflow_drop_partitions_before(?)")) {
          ps.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            dropped.addAll(List.of((String[]) rs.getArray(1).getArray()));
          }
        }
      } else {
        for (String table : List.of("movement_tags", "movements")) {
          try (PreparedStatement ps = c.prepareStatement("SELECT drop_chunks(?, older_than => ?)::text")) {
            ps.setString(1, table);
            ps.setObject(2, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                dropped.add(rs.getString(1));
              }
            }
          }
        }
      }
    }
    return dropped;
  }

  @Override
  public void close() {
    pool.close();
  }

  private static StorageMode chooseMode(DataSource pool, StoreOptions options) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      StorageMode recorded = recordedMode(s);
      if (recorded != null) {
        if (recorded == StorageMode.TIMESCALE && options.forcePlain()) {
          throw new SQLException("storage mode: this database was created with TimescaleDB; forcePlain cannot"
              + " convert it (use a new database)");
        }
        if (recorded == StorageMode.TIMESCALE) {
          log.info("Storage mode timescale (recorded in the database; TimescaleDB {})", timescaleVersion(s));
        } else {
          log.info("Storage mode {} (recorded in the database)", recorded.code());
        }
        return recorded;
      }
      if (options.forcePlain()) {
        log.info("Storage mode plain (forced by configuration)");
        return StorageMode.PLAIN;
      }
      if (!timescaleOffered(s)) {
        log.info("Storage mode plain (the server does not offer the TimescaleDB extension)");
        return StorageMode.PLAIN;
      }
      try {
        s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
        String license = timescaleLicense(s);
        if (!"timescale".equals(license)) {
          // Compression, retention policies and continuous aggregates need the Community licence.
          log.info("Storage mode plain (TimescaleDB runs under the '{}' licence, which lacks compression and"
              + " continuous aggregates)", license);
          return StorageMode.PLAIN;
        }
        log.info("Storage mode timescale (TimescaleDB {} available)", timescaleVersion(s));
        return StorageMode.TIMESCALE;
      } catch (SQLException e) {
        log.info("Storage mode plain (TimescaleDB not available: {})", e.getMessage());
        return StorageMode.PLAIN;
      }
    }
  }

  /**
   * Whether the server has TimescaleDB installed at all. Asked first so that the common case of a
   * plain server does not run a failing CREATE EXTENSION (which the pool would count as a broken
   * connection); the CREATE can still fail, e.g. for lack of privileges or of preloading.
   */
  private static boolean timescaleOffered(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
      return rs.next();
    }
  }

  private static String timescaleLicense(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT current_setting('timescaledb.license', true)")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static String timescaleVersion(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")) {
      return rs.next() ? rs.getString(1) : "(extension not created)";
    }
  }

  private static StorageMode recordedMode(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT to_regclass('storage_mode') IS NOT NULL")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return null;
      }
    }
    try (ResultSet rs = s.executeQuery("SELECT mode FROM storage_mode")) {
      return rs.next() ? StorageMode.fromCode(rs.getString(1)) : null;
    }
  }

  private static void migrate(DataSource pool, StorageMode mode, StoreOptions options) {
    Flyway.configure()
        .dataSource(pool)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + mode.code())
        .placeholders(Map.of(
            "storageMode", mode.code(),
            "compressAfter", interval(options.compressAfter()),
            "retainFor", interval(options.retainFor())))
        .load()
        .migrate();
  }

  private static String interval(Duration duration) {
    return duration.toSeconds() + " seconds";
  }

  private static void ensurePartitions(DataSource pool, Clock clock, int months) throws SQLException {
    try (Connection c = pool.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT tagflow_ensure_partitions(?, ?)")) {
      ps.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
      ps.setInt(2, months);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        String[] skipped = (String[]) rs.getArray(1).getArray();
        if (skipped.length > 0) {
          log.warn("Partitions not created because their rows are in the default partition: {}",
              String.join(", ", skipped));
        }
      }
    }
  }
}
