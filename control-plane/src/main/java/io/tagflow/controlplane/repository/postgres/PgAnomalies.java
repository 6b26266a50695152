package io.tagflow.controlplane.repository.postgres;

import static io.tagflow.controlplane.repository.postgres.StoreException.wrap;

import io.tagflow.controlplane.anomaly.Anomaly;
import io.tagflow.controlplane.anomaly.AnomalyStatus;
import io.tagflow.controlplane.anomaly.AnomalyType;
import io.tagflow.controlplane.anomaly.Severity;
import io.tagflow.controlplane.repository.AnomalyRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Anomalies (table {@code anomalies}); ids are UUIDs, so any other id is simply not found. */
final class PgAnomalies implements AnomalyRepository {
  private static final String COLUMNS =
      "anomaly_id, type, severity, site_id, door_id, bin_id, lot_id, epcs, at, detail, status, changed_by, changed_at";

  private final DataSource db;

  PgAnomalies(DataSource db) {
    this.db = db;
  }

  @Override
  public boolean insert(Anomaly a) {
    return !insertAll(List.of(a)).isEmpty();
  }

  @Override
  public List<Anomaly> insertAll(List<Anomaly> anomalies) {
    if (anomalies.isEmpty()) {
      return List.of();
    }
    return wrap("insert anomalies", () -> {
      try (Connection c = db.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomalies (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (anomaly_id) DO NOTHING")) {
          for (Anomaly a : anomalies) {
            bind(c, ps, a);
            ps.addBatch();
          }
          // One round trip and one commit for the lot; each count says whether its row was new.
          int[] counts = ps.executeBatch();
          c.commit();
          List<Anomaly> stored = new ArrayList<>();
          for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
              stored.add(anomalies.get(i));
            }
          }
          return stored;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    });
  }

  private static void bind(Connection c, PreparedStatement ps, Anomaly a) throws SQLException {
    ps.setObject(1, UUID.fromString(a.id()));
    ps.setString(2, a.type().wire());
    ps.setString(3, a.severity().wire());
    ps.setString(4, a.site());
    ps.setString(5, a.door());
    ps.setString(6, a.bin());
    ps.setString(7, a.lotId());
    ps.setArray(8, c.createArrayOf("text", a.epcs().toArray()));
    ps.setObject(9, Jdbc.utc(a.at()));
    ps.setString(10, a.detail());
    ps.setString(11, a.status().wire());
    ps.setString(12, a.statusBy());
    ps.setObject(13, Jdbc.utc(a.statusAt()));
  }

  @Override
  public Optional<Anomaly> findAnomaly(String id) {
    Optional<UUID> uuid = Jdbc.uuid(id);
    if (uuid.isEmpty()) {
      return Optional.empty();
    }
    List<Anomaly> rows = query("SELECT " + COLUMNS + " FROM anomalies WHERE anomaly_id = ?", List.of(uuid.get()));
    return rows.stream().findFirst();
  }

  @Override
  public List<Anomaly> list(String site, AnomalyStatus status, int limit) {
    return status == null
        ? query("SELECT " + COLUMNS + " FROM anomalies WHERE site_id = ? ORDER BY at DESC, anomaly_id LIMIT ?",
            List.of(site, limit))
        : query("SELECT " + COLUMNS + " FROM anomalies WHERE site_id = ? AND status = ? ORDER BY at DESC, anomaly_id"
            + " LIMIT ?", List.of(site, status.wire(), limit));
  }

  @Override
  public boolean updateStatus(Anomaly changed, AnomalyStatus expected) {
    return wrap("update anomaly", () -> {
      try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
          "UPDATE anomalies SET status = ?, changed_by = ?, changed_at = ? WHERE anomaly_id = ? AND status = ?")) {
        ps.setString(1, changed.status().wire());
        ps.setString(2, changed.statusBy());
        ps.setObject(3, Jdbc.utc(changed.statusAt()));
        ps.setObject(4, UUID.fromString(changed.id()));
        ps.setString(5, expected.wire());
        return ps.executeUpdate() == 1;
      }
    });
  }

  private List<Anomaly> query(String sql, List<Object> params) {
    return Jdbc.query(db, "list anomalies", sql, params, PgAnomalies::anomaly);
  }

  private static Anomaly anomaly(ResultSet rs) throws SQLException {
    String[] epcs = (String[]) rs.getArray("epcs").getArray();
    Instant changedAt = Jdbc.instant(rs, "changed_at");
    Instant at = Jdbc.instant(rs, "at");
    String by = rs.getString("changed_by");
    return new Anomaly(rs.getObject("anomaly_id", UUID.class).toString(), AnomalyType.fromWire(rs.getString("type")),
        Severity.valueOf(rs.getString("severity").toUpperCase(Locale.ROOT)), rs.getString("site_id"),
        rs.getString("door_id"), rs.getString("bin_id"), rs.getString("lot_id"), Arrays.asList(epcs), at,
        rs.getString("detail") == null ? "" : rs.getString("detail"), AnomalyStatus.fromWire(rs.getString("status")),
        by == null ? Anomaly.SYSTEM : by, changedAt == null ? at : changedAt);
  }
}
