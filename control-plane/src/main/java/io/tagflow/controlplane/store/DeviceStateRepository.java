package io.tagflow.controlplane.store;

import io.tagflow.protocol.event.GatewayHealthEvent;
import io.tagflow.protocol.event.GatewayStatus;
import io.tagflow.protocol.event.ReaderState;
import io.tagflow.protocol.event.ReaderStatusEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Last known state of readers ({@code reader_states}) and gateways ({@code gateway_health}). */
public final class DeviceStateRepository {
  private final DataSource dataSource;

  public DeviceStateRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores reader states in the caller's transaction; a state older than the stored one (by the
   * event's {@code at}) changes nothing.
   */
  public void applyReaderStatuses(Connection c, List<ReaderStatusEvent> events) throws SQLException {
    Map<String, ReaderStatusEvent> newest = new LinkedHashMap<>();
    for (ReaderStatusEvent e : events) {
      newest.merge(e.site() + '/' + e.gateway() + '/' + e.reader(), e, (a, b) -> b.at().isBefore(a.at()) ? a : b);
    }
    if (newest.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO reader_states (site_id, gateway_id, reader_id, state, at, detail)"
        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (site_id, gateway_id, reader_id) DO UPDATE"
        + " SET state = EXCLUDED.state, at = EXCLUDED.at, detail = EXCLUDED.detail WHERE reader_states.at <= EXCLUDED.at")) {
      for (ReaderStatusEvent e : newest.values()) {
        ps.setString(1, e.site());
        ps.setString(2, e.gateway());
        ps.setString(3, e.reader());
        ps.setString(4, e.state().json());
        ps.setObject(5, Sql.utc(e.at()));
        ps.setString(6, e.detail());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Stores gateway health in the caller's transaction, ordered by receipt: an OFFLINE will carries the
   * session start as {@code at} (docs/events.md), so the event time cannot order it.
   */
  public void applyHealth(Connection c, List<GatewayHealthEvent> events, Instant receivedAt) throws SQLException {
    Map<String, GatewayHealthEvent> last = new LinkedHashMap<>();
    for (GatewayHealthEvent e : events) {
      last.put(e.site() + '/' + e.gateway(), e);
    }
    if (last.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateway_health (site_id, gateway_id, status, at, version, received_at)"
        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (site_id, gateway_id) DO UPDATE"
        + " SET status = EXCLUDED.status, at = EXCLUDED.at, version = EXCLUDED.version, received_at = EXCLUDED.received_at"
        + " WHERE gateway_health.received_at <= EXCLUDED.received_at")) {
      for (GatewayHealthEvent e : last.values()) {
        ps.setString(1, e.site());
        ps.setString(2, e.gateway());
        ps.setString(3, e.status().json());
        ps.setObject(4, Sql.utc(e.at()));
        ps.setString(5, e.version());
        ps.setObject(6, Sql.utc(receivedAt));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The readers of a site, ordered by gateway and reader. */
  public List<ReaderStatusEvent> readers(String siteId) throws SQLException {
    List<ReaderStatusEvent> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM reader_states WHERE site_id = ? ORDER BY gateway_id, reader_id")) {
      ps.setString(1, siteId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(ReaderStatusEvent.of(rs.getString("site_id"), rs.getString("gateway_id"), rs.getString("reader_id"),
              ReaderState.fromJson(rs.getString("state")), Sql.instant(rs, "at"), rs.getString("detail")));
        }
      }
    }
    return result;
  }

  /** The gateways of a site, ordered by gateway. */
  public List<GatewayHealthEvent> gateways(String siteId) throws SQLException {
    List<GatewayHealthEvent> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM gateway_health WHERE site_id = ? ORDER BY gateway_id")) {
      ps.setString(1, siteId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(GatewayHealthEvent.of(rs.getString("site_id"), rs.getString("gateway_id"),
              GatewayStatus.fromJson(rs.getString("status")), Sql.instant(rs, "at"), rs.getString("version")));
        }
      }
    }
    return result;
  }
}
