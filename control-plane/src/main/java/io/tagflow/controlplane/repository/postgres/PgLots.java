package io.tagflow.controlplane.repository.postgres;

import static io.tagflow.controlplane.repository.postgres.StoreException.wrap;

import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotStatus;
import io.tagflow.controlplane.model.TagRecord;
import io.tagflow.controlplane.repository.LotRepository;
import io.tagflow.controlplane.repository.TagRepository;
import io.tagflow.controlplane.store.TagRegistration;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Lots (table {@code lots}) and the tag registry (table {@code tags}, imported with the store's COPY;
 * look-ups cached by {@link TagLotCache}).
 */
final class PgLots implements LotRepository, TagRepository {
  private static final String COLUMNS =
      "lot_id, gtin, expiry, status, description, status_reason, updated_by, updated_at";

  private final DataSource db;
  private final io.tagflow.controlplane.store.LotRepository store;
  private final TagLotCache cache;

  PgLots(DataSource db, TagLotCache cache) {
    this.db = db;
    this.store = new io.tagflow.controlplane.store.LotRepository(db);
    this.cache = cache;
  }

  @Override
  public Optional<Lot> find(String lotId) {
    return wrap("find lot", () -> {
      try (Connection c = db.getConnection();
           PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM lots WHERE lot_id = ?")) {
        ps.setString(1, lotId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(lot(rs)) : Optional.<Lot>empty();
        }
      }
    });
  }

  @Override
  public boolean create(Lot lot) {
    return wrap("create lot", () -> {
      try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
          "INSERT INTO lots (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (lot_id) DO NOTHING")) {
        bind(ps, lot);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Optional<Lot> update(Lot lot) {
    return wrap("update lot", () -> {
      try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
          "UPDATE lots SET lot_id = ?, gtin = ?, expiry = ?, status = ?, description = ?, status_reason = ?,"
              + " updated_by = ?, updated_at = ? WHERE lot_id = ?")) {
        bind(ps, lot);
        ps.setString(9, lot.id());
        return ps.executeUpdate() == 1 ? Optional.of(lot) : Optional.<Lot>empty();
      }
    });
  }

  @Override
  public List<Lot> withStatus(Set<LotStatus> statuses, int limit) {
    return wrap("list lots by status", () -> {
      try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM lots WHERE status = ANY (?) ORDER BY lot_id LIMIT ?")) {
        ps.setArray(1, c.createArrayOf("text", statuses.stream().map(LotStatus::wire).toArray()));
        ps.setInt(2, limit);
        List<Lot> lots = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            lots.add(lot(rs));
          }
        }
        return lots;
      }
    });
  }

  private static void bind(PreparedStatement ps, Lot lot) throws SQLException {
    ps.setString(1, lot.id());
    ps.setString(2, lot.gtin());
    ps.setDate(3, lot.expiresOn() == null ? null : Date.valueOf(lot.expiresOn()));
    ps.setString(4, lot.status().wire());
    ps.setString(5, lot.description());
    ps.setString(6, lot.statusReason());
    ps.setString(7, lot.updatedBy());
    ps.setObject(8, OffsetDateTime.ofInstant(lot.updatedAt(), ZoneOffset.UTC));
  }

  private static Lot lot(ResultSet rs) throws SQLException {
    Date expiry = rs.getDate("expiry");
    return new Lot(rs.getString("lot_id"), rs.getString("gtin"), rs.getString("description"),
        expiry == null ? null : expiry.toLocalDate(), LotStatus.fromWire(rs.getString("status")), rs.getString("status_reason"),
        rs.getString("updated_by"), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  @Override
  public Optional<String> lotOf(String epc) {
    return cache.get(epc, e -> Optional.ofNullable(wrap("look up tag", () -> store.lotOf(e))));
  }

  /** Stores through the store's COPY import; all or nothing. Returns how many entries were stored. */
  @Override
  public int upsertAll(List<TagRecord> tags) {
    List<TagRegistration> rows = tags.stream().map(t -> new TagRegistration(t.epc(), t.lotId())).toList();
    int stored = (int) (long) wrap("import tags", () -> store.importTags(rows.iterator()));
    tags.forEach(t -> cache.put(t.epc(), Optional.of(t.lotId())));
    return stored;
  }

  @Override
  public List<String> epcsOfLot(String lotId, int limit) {
    return wrap("tags of lot", () -> {
      try (Connection c = db.getConnection();
           PreparedStatement ps = c.prepareStatement("SELECT epc FROM tags WHERE lot_id = ? ORDER BY epc LIMIT ?")) {
        ps.setString(1, lotId);
        ps.setInt(2, limit);
        List<String> epcs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            epcs.add(rs.getString(1));
          }
        }
        return epcs;
      }
    });
  }
}
