package io.tagflow.controlplane.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** Lots, the tag registry (EPC to lot) and lot traces. */
public final class LotRepository {
  /** Registrations sent to COPY per chunk, so an import of millions of tags holds bounded memory. */
  private static final int COPY_CHUNK = 50_000;

  private final DataSource dataSource;
  private final MovementRepository movements;
  private final TagLocationRepository locations;

  public LotRepository(DataSource dataSource) {
    this.dataSource = dataSource;
    this.movements = new MovementRepository(dataSource);
    this.locations = new TagLocationRepository(dataSource);
  }

  /** Creates a lot or replaces its GTIN, expiry and status. */
  public void save(Lot lot) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO lots (lot_id, gtin, expiry, status) VALUES (?, ?, ?, ?) ON CONFLICT (lot_id) DO UPDATE"
            + " SET gtin = EXCLUDED.gtin, expiry = EXCLUDED.expiry, status = EXCLUDED.status, updated_at = now()")) {
      ps.setString(1, lot.lotId());
      ps.setString(2, lot.gtin());
      ps.setDate(3, lot.expiry() == null ? null : Date.valueOf(lot.expiry()));
      ps.setString(4, lot.status().code());
      ps.executeUpdate();
    }
  }

  /** Sets a lot's status; returns false when the lot is unknown. */
  public boolean setStatus(String lotId, LotStatus status) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE lots SET status = ?, updated_at = now() WHERE lot_id = ?")) {
      ps.setString(1, status.code());
      ps.setString(2, lotId);
      return ps.executeUpdate() == 1;
    }
  }

  /** A lot, or null when unknown. */
  public Lot lot(String lotId) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT lot_id, gtin, expiry, status FROM lots WHERE lot_id = ?")) {
      ps.setString(1, lotId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Date expiry = rs.getDate("expiry");
        return new Lot(rs.getString("lot_id"), rs.getString("gtin"), expiry == null ? null : expiry.toLocalDate(),
            LotStatus.fromCode(rs.getString("status")));
      }
    }
  }

  /** The lot of a tag (EPC as upper-case hex), or null when the tag is not registered. */
  public String lotOf(String epc) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT lot_id FROM tags WHERE epc = ?")) {
      ps.setString(1, epc);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * The lots of many tags at once (EPCs as upper-case hex), for rules that check every tag of a
   * movement: one query whatever the number of tags. Tags not in the registry are absent from the map.
   */
  public Map<String, Lot> lotsOfTags(Collection<String> epcs) throws SQLException {
    Map<String, Lot> result = new HashMap<>();
    if (epcs.isEmpty()) {
      return result;
    }
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT t.epc, l.lot_id, l.gtin, l.expiry, l.status FROM tags t JOIN lots l ON l.lot_id = t.lot_id"
            + " WHERE t.epc = ANY (?)")) {
      ps.setArray(1, c.createArrayOf("text", epcs.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Date expiry = rs.getDate("expiry");
          result.put(rs.getString("epc"), new Lot(rs.getString("lot_id"), rs.getString("gtin"),
              expiry == null ? null : expiry.toLocalDate(), LotStatus.fromCode(rs.getString("status"))));
        }
      }
    }
    return result;
  }

  /**
   * Bulk-imports tag registrations with COPY into a staging table, then merges them in one statement:
   * a tag already registered moves to its new lot; of repeats of one EPC in the input the last wins.
   * All or nothing: one transaction.
   *
   * @return how many registrations were read
   * @throws IllegalArgumentException listing (some of) the lots that do not exist; nothing is imported
   */
  public long importTags(Iterator<TagRegistration> registrations) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long count = importTags(c, registrations);
        c.commit();
        return count;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static long importTags(Connection c, Iterator<TagRegistration> registrations) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE tags_import (seq bigserial, epc text NOT NULL, lot_id text NOT NULL) ON COMMIT DROP");
    }
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    long count = 0;
    StringBuilder chunk = new StringBuilder();
    int inChunk = 0;
    while (registrations.hasNext()) {
      TagRegistration r = registrations.next();
      // TagRegistration allows only hex EPCs and printable ASCII lot ids without spaces: no CSV quoting needed
      // except for the quote and comma characters, which are quoted here.
      chunk.append(r.epc()).append(',').append(csv(r.lotId())).append('\n');
      count++;
      if (++inChunk == COPY_CHUNK) {
        copyChunk(copy, chunk);
        chunk.setLength(0);
        inChunk = 0;
      }
    }
    if (inChunk > 0) {
      copyChunk(copy, chunk);
    }
    List<String> unknown = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT DISTINCT i.lot_id FROM tags_import i LEFT JOIN lots l ON l.lot_id = i.lot_id WHERE l.lot_id IS NULL"
            + " ORDER BY 1 LIMIT 10")) {
      while (rs.next()) {
        unknown.add(rs.getString(1));
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("lotId: unknown lots " + unknown);
    }
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO tags (epc, lot_id)"
          + " SELECT DISTINCT ON (epc) epc, lot_id FROM tags_import ORDER BY epc, seq DESC"
          + " ON CONFLICT (epc) DO UPDATE SET lot_id = EXCLUDED.lot_id, registered_at = now()"
          + " WHERE tags.lot_id <> EXCLUDED.lot_id");
    }
    return count;
  }

  private static void copyChunk(CopyManager copy, StringBuilder chunk) throws SQLException {
    try {
      copy.copyIn("COPY tags_import (epc, lot_id) FROM STDIN WITH (FORMAT csv)", new StringReader(chunk.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY into tags_import failed", e);
    }
  }

  private static String csv(String value) {
    return value.indexOf(',') >= 0 || value.indexOf('"') >= 0 ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  /**
   * Where a lot went: its movements oldest first (at most {@code maxMovements}) and the current
   * locations of its tags; null when the lot is unknown.
   */
  public LotTrace trace(String lotId, int maxMovements) throws SQLException {
    Lot lot = lot(lotId);
    if (lot == null) {
      return null;
    }
    List<LotMovement> moves = movements.movementsOfLot(lotId, maxMovements + 1);
    boolean truncated = moves.size() > maxMovements;
    return new LotTrace(lot, truncated ? moves.subList(0, maxMovements) : moves, locations.locationsOfLot(lotId),
        truncated);
  }
}
