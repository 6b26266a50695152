package io.tagflow.controlplane.store;

import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.TagObservation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Movements and their tags ({@code movements}, {@code movement_tags}).
 *
 * <p>Writes are idempotent by movement id: storing the same movement twice leaves the rows as they
 * were after the first time. The partition time {@code moved_at} is the timestamp of the UUIDv7
 * {@code movementId} ({@link EventIds#timestampOf}), so the (movement_id, moved_at) primary key that
 * partitioning and hypertables require is as strict as a key on movement_id alone.
 */
public final class MovementRepository {
  /** SQLState of a unique violation: a concurrent transaction stored one of the same movements first. */
  public static final String UNIQUE_VIOLATION = "23505";
  /**
   * Which of the given movement ids are stored: probes of the primary key (movement_id leads it); the
   * bounds on moved_at (a function of movement_id) let the planner skip the partitions or chunks outside
   * the batch's time range.
   */
  private static final String STORED = "SELECT movement_id FROM movements WHERE movement_id = ANY (?::uuid[])"
      + " AND moved_at >= ?::timestamptz AND moved_at <= ?::timestamptz";
  private static final String SUMMARY_COLUMNS = "m.movement_id, m.moved_at, m.site_id, m.gateway_id, m.door_id,"
      + " m.direction, m.confidence, m.started_at, m.ended_at, m.pallet_sscc, m.tag_count";

  private final DataSource dataSource;

  public MovementRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores movements with their tags, in the caller's transaction, as three statements whatever the
   * number of movements: a look-up of the ids already stored, then a COPY of the movements that are not
   * and a COPY of their tags ({@link MovementCopy}). Movements already stored (same {@code movementId})
   * and repeats within {@code movements} are skipped.
   *
   * <p>A concurrent transaction storing one of the same movements (another control plane instance given
   * the same message) makes the COPY wait for it; if it commits, the COPY fails with a unique violation
   * (SQLState {@value #UNIQUE_VIOLATION}), nothing of this transaction is kept, and the caller retries:
   * the look-up then finds the movement.
   *
   * @return the movements that were new, in input order: only these should update live state
   */
  public List<MovementEvent> insert(Connection c, List<MovementEvent> movements, Instant receivedAt)
      throws SQLException {
    List<MovementEvent> rows = distinct(movements);
    if (rows.isEmpty()) {
      return List.of();
    }
    Set<UUID> stored = stored(c, rows);
    List<MovementEvent> fresh = rows.stream().filter(m -> !stored.contains(m.movementId())).toList();
    MovementCopy.copy(c, fresh, receivedAt);
    return fresh;
  }

  /**
   * As {@link #insert}, without the look-up: for a batch expected to hold new movements only (a
   * redelivery is the exception). If one of them is stored already, the COPY fails with a unique
   * violation (SQLState {@value #UNIQUE_VIOLATION}), nothing of the caller's transaction is kept, and
   * the caller stores the batch again with {@link #insert}. The primary key decides, so nothing is
   * ever stored twice; TimescaleDB checks it on compressed chunks too ({@code TimescaleStoreIT}).
   *
   * @return the movements, without repeats, in input order: all new
   */
  public List<MovementEvent> insertNew(Connection c, List<MovementEvent> movements, Instant receivedAt)
      throws SQLException {
    List<MovementEvent> rows = distinct(movements);
    MovementCopy.copy(c, rows, receivedAt);
    return rows;
  }

  /** {@code movements} without repeats of a movement id, in input order. */
  private static List<MovementEvent> distinct(List<MovementEvent> movements) {
    Map<UUID, MovementEvent> unique = new LinkedHashMap<>();
    for (MovementEvent m : movements) {
      unique.putIfAbsent(m.movementId(), m);
    }
    return new ArrayList<>(unique.values());
  }

  /** The ids of {@code rows} already in {@code movements}. */
  private static Set<UUID> stored(Connection c, List<MovementEvent> rows) throws SQLException {
    Instant first = Instant.MAX;
    Instant last = Instant.MIN;
    for (MovementEvent m : rows) {
      Instant at = EventIds.timestampOf(m.movementId());
      first = at.isBefore(first) ? at : first;
      last = at.isAfter(last) ? at : last;
    }
    Set<UUID> stored = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(STORED)) {
      ps.setArray(1, Sql.uuids(c, rows, MovementEvent::movementId));
      ps.setObject(2, Sql.utc(first));
      ps.setObject(3, Sql.utc(last));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return stored;
  }

  /**
   * One page of movements matching {@code query}, newest first (by moved_at, then movement id).
   * Pass {@link MovementPage#next()} back with {@link MovementQuery#after} for the following page.
   * Served by the (site, moved_at) and (site, door, moved_at) indexes, and for a lot filter by the
   * tag registry's lot index and movement_tags' epc index.
   */
  public MovementPage find(MovementQuery query) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(SUMMARY_COLUMNS)
        .append(" FROM movements m WHERE m.site_id = ? AND m.moved_at >= ? AND m.moved_at < ?");
    List<Object> params = new ArrayList<>(List.of(query.siteId(), Sql.utc(query.from()), Sql.utc(query.to())));
    if (query.doorId() != null) {
      sql.append(" AND m.door_id = ?");
      params.add(query.doorId());
    }
    if (query.direction() != null) {
      sql.append(" AND m.direction = ?");
      params.add(query.direction().json());
    }
    if (query.lotId() != null) {
      sql.append(" AND EXISTS (SELECT 1 FROM movement_tags mt JOIN tags t ON t.epc = mt.epc"
          + " WHERE mt.movement_id = m.movement_id AND mt.moved_at = m.moved_at AND t.lot_id = ?)");
      params.add(query.lotId());
    }
    if (query.after() != null) {
      sql.append(" AND (m.moved_at, m.movement_id) < (?, ?)");
      params.add(Sql.utc(query.after().movedAt()));
      params.add(query.after().movementId());
    }
    sql.append(" ORDER BY m.moved_at DESC, m.movement_id DESC LIMIT ?");
    params.add(query.limit() + 1);
    List<MovementSummary> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(summary(rs));
        }
      }
    }
    if (rows.size() <= query.limit()) {
      return new MovementPage(rows, null);
    }
    List<MovementSummary> page = rows.subList(0, query.limit());
    MovementSummary last = page.get(page.size() - 1);
    return new MovementPage(page, new MovementCursor(last.movedAt(), last.movementId()));
  }

  /**
   * The movements that carried tags of a lot (by the tag registry as it is now), oldest first, at most
   * {@code limit} of them, each with how many of the lot's tags it carried. How, on compressed chunks
   * too: {@link LotTrace}.
   */
  public List<LotMovement> movementsOfLot(String lotId, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return LotTrace.movementsOfLot(c, lotId, limit);
    }
  }

  /** The tags of one stored movement, ordered by EPC; empty when the movement is unknown. */
  public List<TagObservation> tagsOf(UUID movementId) throws SQLException {
    String sql = "SELECT epc, uri, first_seen, last_seen, reads, peak_rssi FROM movement_tags"
        + " WHERE movement_id = ? AND moved_at = ? ORDER BY epc";
    List<TagObservation> tags = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, movementId);
      ps.setObject(2, Sql.utc(EventIds.timestampOf(movementId)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tags.add(new TagObservation(rs.getString("epc"), rs.getString("uri"), Sql.instant(rs, "first_seen"),
              Sql.instant(rs, "last_seen"), rs.getInt("reads"), rs.getDouble("peak_rssi")));
        }
      }
    }
    return tags;
  }

  /**
   * Movements per door, direction and 5-minute bucket of a site for buckets starting in [from, to),
   * ordered by bucket, door, direction. Read from {@code movements_per_door_5m}: a continuous
   * aggregate on TimescaleDB, a view over the partitions otherwise; both give the same rows.
   */
  public List<DoorTraffic> doorTraffic(String siteId, Instant from, Instant to) throws SQLException {
    String sql = "SELECT door_id, direction, bucket, movements FROM movements_per_door_5m"
        + " WHERE site_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket, door_id, direction";
    List<DoorTraffic> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, siteId);
      ps.setObject(2, Sql.utc(from));
      ps.setObject(3, Sql.utc(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(new DoorTraffic(rs.getString("door_id"), Direction.fromJson(rs.getString("direction")),
              Sql.instant(rs, "bucket"), rs.getLong("movements")));
        }
      }
    }
    return result;
  }

  static MovementSummary summary(ResultSet rs) throws SQLException {
    return new MovementSummary(rs.getObject("movement_id", UUID.class), Sql.instant(rs, "moved_at"),
        rs.getString("site_id"), rs.getString("gateway_id"), rs.getString("door_id"),
        Direction.fromJson(rs.getString("direction")), rs.getDouble("confidence"), Sql.instant(rs, "started_at"),
        Sql.instant(rs, "ended_at"), rs.getString("pallet_sscc"), rs.getInt("tag_count"));
  }
}
