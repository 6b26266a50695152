package io.tagflow.controlplane.store;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.IsoInstants;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.TagObservation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Writes the rows of new movements, {@code movements} and {@code movement_tags}, with
 * {@code COPY ... FROM STDIN (FORMAT csv)} in the caller's transaction: the database's bulk path, the
 * same one the ingest benchmark's raw-COPY baseline uses.
 *
 * <p>Why COPY and not {@code INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING}: COPY inserts
 * rows in multi-row heap batches instead of one speculative insertion per row (docs/performance.md,
 * ingest). COPY cannot say {@code ON CONFLICT}; the caller passes only movements it found missing in
 * the same transaction, and a movement lists each EPC once (the event contract). A concurrent writer
 * of the same movement makes the COPY fail with a unique violation, and the caller retries.
 */
final class MovementCopy {
  private static final String COPY_MOVEMENTS = "COPY movements (movement_id, moved_at, site_id, gateway_id, door_id,"
      + " direction, confidence, started_at, ended_at, pallet_sscc, tag_count, inside_reads, outside_reads,"
      + " rssi_trend_db, arbitration, received_at) FROM STDIN WITH (FORMAT csv)";
  private static final String COPY_TAGS = "COPY movement_tags (movement_id, moved_at, epc, uri, first_seen, last_seen,"
      + " reads, peak_rssi) FROM STDIN WITH (FORMAT csv)";
  /** A null field is written empty and unquoted, which COPY reads as NULL; an empty string is written quoted. */
  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS)
      .build();
  private static final ObjectWriter MOVEMENT_ROWS = CSV.writer(CSV.schemaFor(MovementRow.class));
  private static final ObjectWriter TAG_ROWS = CSV.writer(CSV.schemaFor(TagRow.class));

  /** One CSV line of {@link #COPY_MOVEMENTS}; instants as ISO-8601 text (exact to the microsecond). */
  @JsonPropertyOrder({"movementId", "movedAt", "site", "gateway", "door", "direction", "confidence", "startedAt",
      "endedAt", "palletSscc", "tagCount", "insideReads", "outsideReads", "rssiTrendDb", "arbitration", "receivedAt"})
  record MovementRow(UUID movementId, String movedAt, String site, String gateway, String door, String direction,
                     double confidence, String startedAt, String endedAt, String palletSscc, int tagCount,
                     int insideReads, int outsideReads, double rssiTrendDb, String arbitration, String receivedAt) {
  }

  /** One CSV line of {@link #COPY_TAGS}. */
  @JsonPropertyOrder({"movementId", "movedAt", "epc", "uri", "firstSeen", "lastSeen", "reads", "peakRssi"})
  record TagRow(UUID movementId, String movedAt, String epc, String uri, String firstSeen, String lastSeen, int reads,
                double peakRssi) {
  }

  private MovementCopy() {
  }

  /** Copies {@code movements} and their tags; none of them may be stored yet. */
  static void copy(Connection c, List<MovementEvent> movements, Instant receivedAt) throws SQLException {
    if (movements.isEmpty()) {
      return;
    }
    String received = IsoInstants.format(receivedAt);
    ByteArrayOutputStream moves = new ByteArrayOutputStream(movements.size() * 256);
    ByteArrayOutputStream tags = new ByteArrayOutputStream(movements.size() * 2048);
    try (SequenceWriter movementRows = MOVEMENT_ROWS.writeValues(moves);
         SequenceWriter tagRows = TAG_ROWS.writeValues(tags)) {
      for (MovementEvent m : movements) {
        String movedAt = IsoInstants.format(EventIds.timestampOf(m.movementId()));
        movementRows.write(new MovementRow(m.movementId(), movedAt, m.site(), m.gateway(), m.door(),
            m.direction().json(), m.confidence(), IsoInstants.format(m.startedAt()), IsoInstants.format(m.endedAt()),
            m.palletSscc(), m.tags().size(), m.evidence().insideReads(), m.evidence().outsideReads(),
            m.evidence().rssiTrendDb(), m.evidence().arbitration(), received));
        for (TagObservation t : m.tags()) {
          tagRows.write(new TagRow(m.movementId(), movedAt, t.epc(), t.uri(), IsoInstants.format(t.firstSeen()),
              IsoInstants.format(t.lastSeen()), t.reads(), t.peakRssi()));
        }
      }
    } catch (IOException e) {
      throw new SQLException("encoding movement rows for COPY failed", e);
    }
    copyIn(c, COPY_MOVEMENTS, moves, "movements");
    copyIn(c, COPY_TAGS, tags, "movement_tags");
  }

  private static void copyIn(Connection c, String sql, ByteArrayOutputStream csv, String table) throws SQLException {
    try {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(csv.toByteArray()));
    } catch (IOException e) {
      throw new SQLException("COPY into " + table + " failed", e);
    }
  }
}
