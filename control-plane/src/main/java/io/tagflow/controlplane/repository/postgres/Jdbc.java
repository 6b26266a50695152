package io.tagflow.controlplane.repository.postgres;

import static io.tagflow.controlplane.repository.postgres.StoreException.wrap;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The JDBC plumbing every repository here shares: one query, rows mapped, failures as {@link StoreException}. */
final class Jdbc {
  private Jdbc() {
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * Runs one statement with positional parameters (bound with {@code setObject}) on a pooled connection
   * and maps every row it returns.
   *
   * @param what names the call in the {@link StoreException} message
   */
  static <T> List<T> query(DataSource db, String what, String sql, List<?> params, Row<T> row) {
    return wrap(what, () -> {
      try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < params.size(); i++) {
          ps.setObject(i + 1, params.get(i));
        }
        List<T> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            result.add(row.map(rs));
          }
        }
        return result;
      }
    });
  }

  /** An instant as the driver binds {@code timestamptz}; null stays null. */
  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** A nullable {@code timestamptz} column as an instant. */
  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Ids of the API are UUIDs; any other text names nothing stored. */
  static Optional<UUID> uuid(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
