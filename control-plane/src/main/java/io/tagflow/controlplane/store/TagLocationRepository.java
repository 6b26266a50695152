package io.tagflow.controlplane.store;

import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.TagObservation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Current tag locations ({@code tag_locations}) and the occupancy read from them.
 *
 * <p>{@code tag_locations} holds the bin placements of location events, written in the ingest
 * transaction, and the door placements of movements, folded in later by {@link TagLocationApplier}; the
 * reads here add the door placements not folded yet ({@link #CURRENT_OF_SITE}), so they see every
 * committed event.
 *
 * <p>A location only ever moves forward in time: an update older than the stored one (a late or
 * redelivered event) changes nothing, so applying the same events twice, or in another order, gives
 * the same rows.
 */
public final class TagLocationRepository {
  /** Orders placements of one tag: later event time wins, then the larger (later minted) UUIDv7. */
  private static final Comparator<TagLocation> NEWER = Comparator.comparing(TagLocation::at)
      .thenComparing(l -> l.eventId().toString());
  /**
   * The conflict clause of every write to {@code tag_locations}: a placement replaces the stored one only
   * when it is newer by (time, event id). UUIDs compare byte-wise, which is the order of their text form.
   */
  static final String NEWER_WINS = """
      ON CONFLICT (epc) DO UPDATE
        SET site_id = EXCLUDED.site_id, bin_id = EXCLUDED.bin_id, door_id = EXCLUDED.door_id,
            at = EXCLUDED.at, event_id = EXCLUDED.event_id
        WHERE (tag_locations.at, tag_locations.event_id) < (EXCLUDED.at, EXCLUDED.event_id)
      """;
  private static final String UPSERT = """
      INSERT INTO tag_locations (epc, site_id, bin_id, door_id, at, event_id)
      SELECT u.epc, u.site, u.bin, u.door, u.at::timestamptz, u.event_id
      FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[])
           AS u(epc, site, bin, door, at, event_id)
      """ + NEWER_WINS;
  /**
   * The current location of every tag of one site ({@code ?}: the site id, twice); see {@link #current}.
   * The backlog's placements are read for all sites: a tag folded at this site may have moved to another.
   */
  public static final String CURRENT_OF_SITE = current("site_id", "");
  /**
   * The current location of one tag ({@code ?}: the EPC, three times); see {@link #current}. The backlog
   * is searched for that tag only (a primary-key probe of {@code movement_tags} per movement not folded).
   */
  public static final String CURRENT_OF_TAG = current("epc", "WHERE t.epc = ?");

  private final DataSource dataSource;

  public TagLocationRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Where each tag of a movement is after it: at the movement's door, as of the tag's last read. */
  public static List<TagLocation> placements(MovementEvent movement) {
    List<TagLocation> result = new ArrayList<>(movement.tags().size());
    for (TagObservation tag : movement.tags()) {
      result.add(new TagLocation(tag.epc(), movement.site(), null, movement.door(), tag.lastSeen(),
          movement.movementId()));
    }
    return result;
  }

  /** Where a location event puts its tag. */
  public static TagLocation placement(LocationEvent event) {
    return new TagLocation(event.epc(), event.site(), event.bin(), null, event.at(), event.eventId());
  }

  /**
   * Applies placements in the caller's transaction, in one statement. Of several placements of one
   * tag the newest wins; none replaces a newer stored location. Rows go in EPC order, so the upsert
   * walks the primary-key index in order instead of at random (and two concurrent batches lock
   * common tags in the same order).
   */
  public void apply(Connection c, List<TagLocation> placements) throws SQLException {
    Map<String, TagLocation> newest = new TreeMap<>();
    for (TagLocation p : placements) {
      newest.merge(p.epc(), p, (a, b) -> NEWER.compare(a, b) >= 0 ? a : b);
    }
    if (newest.isEmpty()) {
      return;
    }
    List<TagLocation> rows = new ArrayList<>(newest.values());
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setArray(1, Sql.texts(c, rows, TagLocation::epc));
      ps.setArray(2, Sql.texts(c, rows, TagLocation::siteId));
      ps.setArray(3, Sql.texts(c, rows, TagLocation::binId));
      ps.setArray(4, Sql.texts(c, rows, TagLocation::doorId));
      ps.setArray(5, Sql.instants(c, rows, TagLocation::at));
      ps.setArray(6, Sql.uuids(c, rows, TagLocation::eventId));
      ps.executeUpdate();
    }
  }

  /**
   * The newest door placement per tag of the movements that the backlog rows in {@code rows} (a table or
   * CTE with the columns of {@code tag_location_backlog}) name, with the columns of {@code tag_locations}.
   * Of several placements of a tag the newest wins, ordered as {@link #NEWER_WINS} orders them.
   */
  static String doorPlacementsOf(String rows) {
    return doorPlacementsOf(rows, "");
  }

  /** As {@link #doorPlacementsOf(String)}, of the tag rows that {@code where} (a WHERE clause or "") keeps. */
  private static String doorPlacementsOf(String rows, String where) {
    return """
        SELECT DISTINCT ON (t.epc) t.epc, m.site_id, NULL::text AS bin_id, m.door_id, t.last_seen AS at,
               t.movement_id AS event_id
        FROM %s b
        CROSS JOIN LATERAL unnest(b.movement_ids, b.moved_ats) AS u(movement_id, moved_at)
        JOIN movements m ON m.movement_id = u.movement_id AND m.moved_at = u.moved_at
        JOIN movement_tags t ON t.movement_id = u.movement_id AND t.moved_at = u.moved_at
        %s
        ORDER BY t.epc, t.last_seen DESC, t.movement_id DESC
        """.formatted(rows, where);
  }

  /**
   * The current location of the tags whose {@code column} equals the parameter: the newer of each tag's
   * {@code tag_locations} row and its newest door placement still in the backlog (stored, not folded yet
   * by {@link TagLocationApplier}). So readers see every committed event whether or not it is folded.
   */
  private static String current(String column, String pendingWhere) {
    return """
        WITH pending AS MATERIALIZED (%s)
        SELECT l.epc, l.site_id, l.bin_id, l.door_id, l.at, l.event_id FROM tag_locations l
        WHERE l.%s = ? AND NOT EXISTS (
          SELECT 1 FROM pending p WHERE p.epc = l.epc AND (p.at, p.event_id) > (l.at, l.event_id))
        UNION ALL
        SELECT p.epc, p.site_id, p.bin_id, p.door_id, p.at, p.event_id FROM pending p
        WHERE p.%s = ? AND NOT EXISTS (
          SELECT 1 FROM tag_locations l WHERE l.epc = p.epc AND (l.at, l.event_id) >= (p.at, p.event_id))
        """.formatted(doorPlacementsOf("tag_location_backlog", pendingWhere), column, column);
  }

  /**
   * The occupancy snapshot of a site: for each bin holding tags, how many tags of each lot, ordered
   * by bin then lot (tags not in the registry last, with a null lot). Empty bins are not listed.
   */
  public List<BinOccupancy> occupancy(String siteId) throws SQLException {
    String sql = "SELECT l.bin_id, t.lot_id, count(*) AS tags FROM (" + CURRENT_OF_SITE + ") l"
        + " LEFT JOIN tags t ON t.epc = l.epc WHERE l.bin_id IS NOT NULL GROUP BY l.bin_id, t.lot_id"
        + " ORDER BY l.bin_id, t.lot_id NULLS LAST";
    List<BinOccupancy> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, siteId);
      ps.setString(2, siteId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(new BinOccupancy(rs.getString("bin_id"), rs.getString("lot_id"), rs.getInt("tags")));
        }
      }
    }
    return result;
  }

  /** The current location of one tag (EPC as upper-case hex), or null when it was never seen. */
  public TagLocation locationOf(String epc) throws SQLException {
    List<TagLocation> rows = query(CURRENT_OF_TAG, epc);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** Rows of {@code sql}, whose three parameters are all {@code param}. */
  private List<TagLocation> query(String sql, String param) throws SQLException {
    List<TagLocation> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 1; i <= 3; i++) {
        ps.setString(i, param);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(new TagLocation(rs.getString("epc"), rs.getString("site_id"), rs.getString("bin_id"),
              rs.getString("door_id"), Sql.instant(rs, "at"), rs.getObject("event_id", UUID.class)));
        }
      }
    }
    return result;
  }
}
