package io.tagflow.controlplane.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Shipment authorisations ({@code shipment_authorisations}). */
public final class ShipmentAuthorisationRepository {
  private final DataSource dataSource;

  public ShipmentAuthorisationRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates or replaces an authorisation. */
  public void save(ShipmentAuthorisation a) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO shipment_authorisations (authorisation_id, site_id, door_id, lot_id, quantity, valid_from, valid_to,"
            + " status) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (authorisation_id) DO UPDATE SET site_id = EXCLUDED.site_id,"
            + " door_id = EXCLUDED.door_id, lot_id = EXCLUDED.lot_id, quantity = EXCLUDED.quantity,"
            + " valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, status = EXCLUDED.status")) {
      ps.setObject(1, a.authorisationId());
      ps.setString(2, a.siteId());
      ps.setString(3, a.doorId());
      ps.setString(4, a.lotId());
      ps.setInt(5, a.quantity());
      ps.setObject(6, Sql.utc(a.validFrom()));
      ps.setObject(7, Sql.utc(a.validTo()));
      ps.setString(8, a.open() ? "open" : "closed");
      ps.executeUpdate();
    }
  }

  /** Closes an authorisation; returns false when it is unknown or already closed. */
  public boolean close(UUID authorisationId) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE shipment_authorisations SET status = 'closed' WHERE authorisation_id = ? AND status = 'open'")) {
      ps.setObject(1, authorisationId);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * The open authorisations for a lot at a door that are valid at {@code at}, earliest first: what a
   * rule checks when the lot goes OUT through that door.
   */
  public List<ShipmentAuthorisation> validAt(String siteId, String doorId, String lotId, Instant at) throws SQLException {
    return query("SELECT * FROM shipment_authorisations WHERE site_id = ? AND door_id = ? AND lot_id = ?"
        + " AND status = 'open' AND valid_from <= ? AND valid_to > ? ORDER BY valid_from, authorisation_id",
        siteId, doorId, lotId, Sql.utc(at), Sql.utc(at));
  }

  /** Every authorisation of a site, newest validity first. */
  public List<ShipmentAuthorisation> list(String siteId) throws SQLException {
    return query("SELECT * FROM shipment_authorisations WHERE site_id = ? ORDER BY valid_from DESC, authorisation_id",
        siteId);
  }

  private List<ShipmentAuthorisation> query(String sql, Object... params) throws SQLException {
    List<ShipmentAuthorisation> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(new ShipmentAuthorisation(rs.getObject("authorisation_id", UUID.class), rs.getString("site_id"),
              rs.getString("door_id"), rs.getString("lot_id"), rs.getInt("quantity"), Sql.instant(rs, "valid_from"),
              Sql.instant(rs, "valid_to"), "open".equals(rs.getString("status"))));
        }
      }
    }
    return result;
  }
}
