package io.tagflow.controlplane.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * JDBC helpers. Batches are written as one {@code INSERT ... SELECT FROM unnest(?, ?, ...)} with one
 * array parameter per column: a single statement and round trip per batch whatever its size, and
 * unlike COPY it can say {@code ON CONFLICT} and {@code RETURNING}.
 */
final class Sql {
  private Sql() {
  }

  /** Work done on one connection inside a transaction. */
  @FunctionalInterface
  interface Transactional<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction on a connection of {@code dataSource}: commits when it returns,
   * rolls back when it throws (a failing rollback is added to the thrown exception as suppressed).
   *
   * @return what {@code work} returned
   */
  static <T> T inTransaction(DataSource dataSource, Transactional<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    }
  }

  static <T> Array texts(Connection c, List<T> rows, Function<T, String> column) throws SQLException {
    return c.createArrayOf("text", rows.stream().map(column).toArray(String[]::new));
  }

  static <T> Array uuids(Connection c, List<T> rows, Function<T, java.util.UUID> column) throws SQLException {
    return c.createArrayOf("uuid", rows.stream().map(column).toArray(java.util.UUID[]::new));
  }

  /** Instants as ISO text, cast back with {@code ::timestamptz[]}: exact to the microsecond. */
  static <T> Array instants(Connection c, List<T> rows, Function<T, Instant> column) throws SQLException {
    return c.createArrayOf("text", rows.stream().map(column).map(Sql::iso).toArray(String[]::new));
  }

  static <T> Array ints(Connection c, List<T> rows, Function<T, Integer> column) throws SQLException {
    return c.createArrayOf("int4", rows.stream().map(column).toArray(Integer[]::new));
  }

  static <T> Array doubles(Connection c, List<T> rows, Function<T, Double> column) throws SQLException {
    return c.createArrayOf("float8", rows.stream().map(column).toArray(Double[]::new));
  }

  static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
