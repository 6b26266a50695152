package io.tagflow.controlplane.repository.postgres;

import static io.tagflow.controlplane.repository.postgres.StoreException.wrap;

import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotStatus;
import io.tagflow.controlplane.model.TagRecord;
import io.tagflow.controlplane.repository.LotRepository;
import io.tagflow.controlplane.repository.TagRepository;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Lots (table {@code lots}) and the tag registry (table {@code tags}, imported with COPY by {@link RegistryCopy};
 * look-ups cached by {@link TagLotCache}).
 */
final class PgLots implements LotRepository, TagRepository {
  private static final String COLUMNS =
      "lot_id, gtin, expiry, status, description, status_reason, updated_by, updated_at";

  /** EPCs per bulk look-up: one array parameter, well under the protocol's limits. */
  static final int PREFETCH_CHUNK = 10_000;

  private final DataSource db;
  private final TagLotCache cache;

  PgLots(DataSource db, TagLotCache cache) {
    this.db = db;
    this.cache = cache;
  }

  @Override
  public Optional<Lot> find(String lotId) {
    return Jdbc.query(db, "find lot", "SELECT " + COLUMNS + " FROM lots WHERE lot_id = ?", List.of(lotId), PgLots::lot)
        .stream().findFirst();
  }

  /** One query ({@code lot_id = ANY (?)}) for all of them. */
  @Override
  public Map<String, Lot> findAll(Collection<String> lotIds) {
    Map<String, Lot> found = new HashMap<>();
    if (!lotIds.isEmpty()) {
      Jdbc.query(db, "find lots", "SELECT " + COLUMNS + " FROM lots WHERE lot_id = ANY (?)",
          List.of((Object) lotIds.toArray(String[]::new)), PgLots::lot).forEach(l -> found.put(l.id(), l));
    }
    return found;
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
    ps.setObject(8, Jdbc.utc(lot.updatedAt()));
  }

  private static Lot lot(ResultSet rs) throws SQLException {
    Date expiry = rs.getDate("expiry");
    return new Lot(rs.getString("lot_id"), rs.getString("gtin"), rs.getString("description"),
        expiry == null ? null : expiry.toLocalDate(), LotStatus.fromWire(rs.getString("status")), rs.getString("status_reason"),
        rs.getString("updated_by"), Jdbc.instant(rs, "updated_at"));
  }

  @Override
  public Optional<String> lotOf(String epc) {
    return cache.get(epc, e -> Jdbc.query(db, "look up tag", "SELECT lot_id FROM tags WHERE epc = ?", List.of(e),
        rs -> rs.getString(1)).stream().findFirst());
  }

  /**
   * Bulk-imports the registrations with COPY into a staging table, then merges them in one statement: a
   * tag already registered moves to its new lot; of repeats of one EPC in the input the last wins. All or
   * nothing (one transaction).
   *
   * @return how many entries were given
   * @throws IllegalArgumentException naming (up to ten of) the lots that do not exist; nothing is imported
   */
  @Override
  public int upsertAll(List<TagRecord> tags) {
    int stored = wrap("import tags", () -> {
      try (Connection c = db.getConnection()) {
        c.setAutoCommit(false);
        try {
          RegistryCopy.copy(c, tags);
          c.commit();
          return tags.size();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    });
    tags.forEach(t -> cache.put(t.epc(), Optional.of(t.lotId())));
    return stored;
  }

  /** Loads the uncached ones of {@code epcs} with {@code epc = ANY (?)}, {@value #PREFETCH_CHUNK} per query. */
  @Override
  public void prefetch(Collection<String> epcs) {
    List<String> missing = cache.missing(epcs);
    for (int from = 0; from < missing.size(); from += PREFETCH_CHUNK) {
      List<String> chunk = missing.subList(from, Math.min(missing.size(), from + PREFETCH_CHUNK));
      Map<String, String> found = new HashMap<>();
      wrap("look up tags", () -> {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT epc, lot_id FROM tags WHERE epc = ANY (?)")) {
          ps.setArray(1, c.createArrayOf("text", chunk.toArray()));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              found.put(rs.getString(1), rs.getString(2));
            }
          }
        }
        return null;
      });
      chunk.forEach(epc -> cache.put(epc, Optional.ofNullable(found.get(epc))));
    }
  }

  @Override
  public List<String> epcsOfLot(String lotId, int limit) {
    return Jdbc.query(db, "tags of lot", "SELECT epc FROM tags WHERE lot_id = ? ORDER BY epc LIMIT ?",
        List.of(lotId, limit), rs -> rs.getString(1));
  }
}
