package io.tagflow.controlplane.repository.postgres;

import static io.tagflow.controlplane.repository.postgres.StoreException.wrap;

import io.tagflow.controlplane.model.ShipmentAuthorisation;
import io.tagflow.controlplane.repository.AuthorisationRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Shipment authorisations (table {@code shipment_authorisations}). The table's {@code valid_from} is the
 * creation time; an authorisation without an end is stored with {@code valid_to = 'infinity'}.
 */
final class PgAuthorisations implements AuthorisationRepository {
  private static final String COLUMNS = "authorisation_id, site_id, door_id, lot_id, quantity, shipped,"
      + " CASE WHEN valid_to = 'infinity' THEN NULL ELSE valid_to END AS valid_until, status, created_by, created_at";

  private final DataSource db;

  PgAuthorisations(DataSource db) {
    this.db = db;
  }

  @Override
  public void create(ShipmentAuthorisation a) {
    wrap("create authorisation", () -> {
      try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
          "INSERT INTO shipment_authorisations (authorisation_id, site_id, door_id, lot_id, quantity, valid_from,"
              + " valid_to, status, created_by, created_at, shipped) VALUES (?, ?, ?, ?, ?, ?,"
              + " COALESCE(?, 'infinity'::timestamptz), ?, ?, ?, ?) ON CONFLICT (authorisation_id) DO NOTHING")) {
        ps.setObject(1, UUID.fromString(a.id()));
        ps.setString(2, a.site());
        ps.setString(3, a.door());
        ps.setString(4, a.lotId());
        ps.setInt(5, a.quantity());
        ps.setObject(6, Jdbc.utc(a.createdAt()));
        if (a.validUntil() == null) {
          ps.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
          ps.setObject(7, Jdbc.utc(a.validUntil()));
        }
        ps.setString(8, a.open() ? "open" : "closed");
        ps.setString(9, a.createdBy());
        ps.setObject(10, Jdbc.utc(a.createdAt()));
        ps.setInt(11, a.shipped());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<ShipmentAuthorisation> openFor(String site, String door) {
    return query("SELECT " + COLUMNS + " FROM shipment_authorisations WHERE site_id = ? AND door_id = ?"
        + " AND status = 'open'", List.of(site, door));
  }

  @Override
  public List<ShipmentAuthorisation> list(String site, int limit) {
    return query("SELECT " + COLUMNS + " FROM shipment_authorisations WHERE site_id = ?"
        + " ORDER BY created_at DESC, authorisation_id LIMIT ?", List.of(site, limit));
  }

  @Override
  public boolean consume(String id, int units) {
    Optional<UUID> uuid = Jdbc.uuid(id);
    if (uuid.isEmpty()) {
      return false;
    }
    return wrap("consume authorisation", () -> {
      try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
          "UPDATE shipment_authorisations SET shipped = shipped + ? WHERE authorisation_id = ? AND status = 'open'"
              + " AND shipped + ? <= quantity")) {
        ps.setInt(1, units);
        ps.setObject(2, uuid.get());
        ps.setInt(3, units);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Optional<ShipmentAuthorisation> close(String id) {
    Optional<UUID> uuid = Jdbc.uuid(id);
    if (uuid.isEmpty()) {
      return Optional.empty();
    }
    return query("UPDATE shipment_authorisations SET status = 'closed' WHERE authorisation_id = ? RETURNING "
        + COLUMNS, List.of(uuid.get())).stream().findFirst();
  }

  private List<ShipmentAuthorisation> query(String sql, List<Object> params) {
    return Jdbc.query(db, "query authorisations", sql, params, PgAuthorisations::authorisation);
  }

  private static ShipmentAuthorisation authorisation(ResultSet rs) throws SQLException {
    Instant until = Jdbc.instant(rs, "valid_until");
    return new ShipmentAuthorisation(rs.getObject("authorisation_id", UUID.class).toString(), rs.getString("site_id"),
        rs.getString("door_id"), rs.getString("lot_id"), rs.getInt("quantity"), rs.getInt("shipped"),
        until, "open".equals(rs.getString("status")), rs.getString("created_by"),
        Jdbc.instant(rs, "created_at"));
  }
}
