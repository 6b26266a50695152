package io.tagflow.controlplane.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Anomalies ({@code anomalies}): inserted by rules, moved through their statuses by people. */
public final class AnomalyRepository {
  private final DataSource dataSource;

  public AnomalyRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores new anomalies in the caller's transaction; an anomaly whose id is already stored is left
   * as it is (so a rule firing again for the same cause changes nothing).
   *
   * @return how many were new
   */
  public int insert(Connection c, List<Anomaly> anomalies) throws SQLException {
    if (anomalies.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomalies (anomaly_id, type, severity, site_id, door_id,"
        + " bin_id, lot_id, epcs, detail, at, status, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (anomaly_id) DO NOTHING")) {
      for (Anomaly a : anomalies) {
        ps.setObject(1, a.anomalyId());
        ps.setString(2, a.type());
        ps.setString(3, a.severity().code());
        ps.setString(4, a.siteId());
        ps.setString(5, a.doorId());
        ps.setString(6, a.binId());
        ps.setString(7, a.lotId());
        ps.setArray(8, c.createArrayOf("text", a.epcs().toArray()));
        ps.setString(9, a.detail());
        ps.setObject(10, Sql.utc(a.at()));
        ps.setString(11, a.status().code());
        ps.setString(12, a.changedBy());
        ps.setObject(13, Sql.utc(a.changedAt()));
        ps.addBatch();
      }
      return Arrays.stream(ps.executeBatch()).map(n -> Math.max(n, 0)).sum();
    }
  }

  /** {@link #insert(Connection, List)} in a transaction of its own. */
  public int insert(List<Anomaly> anomalies) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return insert(c, anomalies);
    }
  }

  /**
   * Moves an anomaly forward (OPEN to ACKNOWLEDGED or RESOLVED, ACKNOWLEDGED to RESOLVED) and records
   * who did it and when.
   *
   * @return the updated anomaly; null when it is unknown or already at or past {@code to}
   */
  public Anomaly transition(UUID anomalyId, AnomalyStatus to, String by, Instant at) throws SQLException {
    List<String> from = new ArrayList<>();
    for (AnomalyStatus s : AnomalyStatus.values()) {
      if (s.canMoveTo(to)) {
        from.add(s.code());
      }
    }
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE anomalies SET status = ?, changed_by = ?, changed_at = ? WHERE anomaly_id = ? AND status = ANY (?)"
            + " RETURNING *")) {
      ps.setString(1, to.code());
      ps.setString(2, by);
      ps.setObject(3, Sql.utc(at));
      ps.setObject(4, anomalyId);
      ps.setArray(5, c.createArrayOf("text", from.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? anomaly(rs) : null;
      }
    }
  }

  /** One anomaly, or null. */
  public Anomaly byId(UUID anomalyId) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM anomalies WHERE anomaly_id = ?")) {
      ps.setObject(1, anomalyId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? anomaly(rs) : null;
      }
    }
  }

  /**
   * Anomalies of a site, newest first (by {@code at}), at most {@code limit}; only those in
   * {@code status} unless it is null. Served by the (site, status, at) index.
   */
  public List<Anomaly> list(String siteId, AnomalyStatus status, int limit) throws SQLException {
    String sql = "SELECT * FROM anomalies WHERE site_id = ?" + (status == null ? "" : " AND status = ?")
        + " ORDER BY at DESC, anomaly_id LIMIT ?";
    List<Anomaly> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, siteId);
      if (status != null) {
        ps.setString(i++, status.code());
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(anomaly(rs));
        }
      }
    }
    return result;
  }

  private static Anomaly anomaly(ResultSet rs) throws SQLException {
    Array epcs = rs.getArray("epcs");
    return new Anomaly(rs.getObject("anomaly_id", UUID.class), rs.getString("type"),
        AnomalySeverity.fromCode(rs.getString("severity")), rs.getString("site_id"), rs.getString("door_id"),
        rs.getString("bin_id"), rs.getString("lot_id"), List.of((String[]) epcs.getArray()), rs.getString("detail"),
        Sql.instant(rs, "at"), AnomalyStatus.fromCode(rs.getString("status")), rs.getString("changed_by"),
        Sql.instant(rs, "changed_at"));
  }
}
