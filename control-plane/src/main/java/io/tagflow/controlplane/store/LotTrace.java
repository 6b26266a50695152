package io.tagflow.controlplane.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGStatement;

/**
 * The movements that carried tags of a lot, by the tag registry as it is now, oldest first, each with how
 * many of the lot's tags it carried. One statement, the same in both storage modes.
 *
 * <p>A row of {@code movement_tags} is either not stamped ({@code lot_id} and {@code door_id} NULL: every
 * row in plain mode, the rows of chunks not compressed yet) or stamped just before its chunk was
 * compressed (migration {@code timescale/V8_2}): {@code lot_id} is then the lot its tag had at that time
 * (NULL for a tag not registered then) and the movement's summary columns are carried along. A row of a
 * tag now in lot L is therefore found by one of three reads, which never return the same row twice:
 * <ol>
 *   <li>{@code lot_id = L}: stamped with L; one segment per compressed chunk, the empty partial index
 *       {@code movement_tags_by_lot} elsewhere;</li>
 *   <li>{@code lot_id IS NULL AND epc = ANY (L's tags)}: not stamped, or not registered when stamped; the
 *       partial index {@code movement_tags_by_epc} (index-only) or the small NULL segment of a compressed
 *       chunk;</li>
 *   <li>{@code lot_id = ANY (former lots of L's tags)}: stamped with a lot the tag had before
 *       ({@code tag_former_lots}, kept by a trigger on {@code tags}); nothing to read unless the registry
 *       moved a tag of L.</li>
 * </ol>
 * Every row read is then joined with L's tags as they are now, so a tag moved out of L counts no more.
 * Movements found by the second read are completed by one primary-key probe each into {@code movements};
 * the others carry their summary and need none.
 */
final class LotTrace {
  private static final String TAG_COLUMNS = "mt.movement_id, mt.moved_at, mt.epc, mt.site_id, mt.gateway_id,"
      + " mt.door_id, mt.direction, mt.confidence, mt.started_at, mt.ended_at, mt.pallet_sscc, mt.tag_count";
  private static final String SQL = "WITH lot_tags AS MATERIALIZED (SELECT epc FROM tags WHERE lot_id = ?),"
      + " tagged AS ("
      + "SELECT " + TAG_COLUMNS + " FROM movement_tags mt WHERE mt.lot_id = ?"
      // Only columns of movement_tags_by_epc: an index-only scan; these rows' movements are probed below.
      + " UNION ALL SELECT mt.movement_id, mt.moved_at, mt.epc, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
      + " FROM movement_tags mt WHERE mt.lot_id IS NULL AND mt.epc = ANY (ARRAY(SELECT epc FROM lot_tags))"
      + " UNION ALL SELECT " + TAG_COLUMNS + " FROM movement_tags mt WHERE mt.lot_id = ANY (ARRAY("
      + "SELECT DISTINCT f.lot_id FROM tag_former_lots f JOIN lot_tags l ON l.epc = f.epc WHERE f.lot_id <> ?))),"
      // Stamped columns are equal on every row of a movement; min() keeps the non-NULL value of each.
      + " hits AS (SELECT x.movement_id, x.moved_at, count(*) AS lot_tags, min(x.site_id) AS site_id,"
      + " min(x.gateway_id) AS gateway_id, min(x.door_id) AS door_id, min(x.direction) AS direction,"
      + " min(x.confidence) AS confidence, min(x.started_at) AS started_at, min(x.ended_at) AS ended_at,"
      + " min(x.pallet_sscc) AS pallet_sscc, min(x.tag_count) AS tag_count"
      + " FROM tagged x JOIN lot_tags l ON l.epc = x.epc GROUP BY x.movement_id, x.moved_at)"
      // LATERAL ... LIMIT 1 keeps the planner from a hash join over every movement: one primary-key probe per
      // movement not stamped (374 ms -> 45 ms on 10 million tag rows, docs/performance.md), none for the rest.
      + " SELECT h.movement_id, h.moved_at, coalesce(h.site_id, m.site_id) AS site_id,"
      + " coalesce(h.gateway_id, m.gateway_id) AS gateway_id, coalesce(h.door_id, m.door_id) AS door_id,"
      + " coalesce(h.direction, m.direction) AS direction, coalesce(h.confidence, m.confidence) AS confidence,"
      + " coalesce(h.started_at, m.started_at) AS started_at, coalesce(h.ended_at, m.ended_at) AS ended_at,"
      + " CASE WHEN h.door_id IS NULL THEN m.pallet_sscc ELSE h.pallet_sscc END AS pallet_sscc,"
      + " coalesce(h.tag_count, m.tag_count) AS tag_count, h.lot_tags"
      + " FROM hits h LEFT JOIN LATERAL (SELECT * FROM movements mm WHERE h.door_id IS NULL"
      + " AND mm.movement_id = h.movement_id AND mm.moved_at = h.moved_at LIMIT 1) m ON true"
      + " WHERE h.door_id IS NOT NULL OR m.movement_id IS NOT NULL"
      + " ORDER BY h.moved_at, h.movement_id LIMIT ?";

  private LotTrace() {
  }

  /**
   * At most {@code limit} movements of the lot, oldest first; empty for a lot without tags or movements.
   * Runs in a transaction of its own on {@code c} (autocommit restored after).
   */
  static List<LotMovement> movementsOfLot(Connection c, String lotId, int limit) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      // Planning the statement over every chunk of both hypertables costs more than running it (120-160 ms
      // under load on the benchmark's 24 chunks). Its plan does not depend on the lot, so the first execution
      // on a connection builds a generic plan and later ones reuse it: prepared on the server at once
      // (prepareThreshold 1) and planned generically. TimescaleDB's cost estimates for compressed chunks put
      // the plan above jit_above_cost, and compiling it took 650 ms of every execution (the execution
      // itself: 50 ms); the statement reads a few thousand rows, so JIT is off. Both for this transaction only.
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL plan_cache_mode = force_generic_plan; SET LOCAL jit = off");
      }
      List<LotMovement> result = read(c, lotId, limit);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static List<LotMovement> read(Connection c, String lotId, int limit) throws SQLException {
    List<LotMovement> result = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.unwrap(PGStatement.class).setPrepareThreshold(1);
      ps.setString(1, lotId);
      ps.setString(2, lotId);
      ps.setString(3, lotId);
      ps.setInt(4, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(new LotMovement(MovementRepository.summary(rs), rs.getInt("lot_tags")));
        }
      }
    }
    return result;
  }
}
