package io.tagflow.controlplane.store;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.TagObservation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Writes the {@code movement_tags} rows of new movements with {@code COPY ... FROM STDIN (FORMAT csv)},
 * in the caller's transaction.
 *
 * <p>Why COPY and not {@code INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING}: a movement of
 * 20 tags makes 20 rows, so this table takes most of ingest's rows, and COPY inserts them in multi-row
 * heap batches instead of one speculative insertion per row (movements and tags together: 1.30 to
 * 0.95 ms per movement, docs/performance.md, ingest).
 * COPY cannot say {@code ON CONFLICT}; it needs none here: only movements whose row the same
 * transaction has just inserted come here (a concurrent insert of the same movement waits on the
 * movements primary key and then skips it), and a movement lists each EPC once (the event contract).
 */
final class MovementTagsCopy {
  private static final String COPY = "COPY movement_tags (movement_id, moved_at, epc, uri, first_seen, last_seen,"
      + " reads, peak_rssi) FROM STDIN WITH (FORMAT csv)";
  private static final CsvMapper CSV = new CsvMapper();
  /** A null field is written empty and unquoted, which COPY's csv format reads as NULL. */
  private static final ObjectWriter ROWS = CSV.writer(CSV.schemaFor(Row.class));

  /** One CSV line, columns in the order of {@link #COPY}; instants as ISO-8601 text (exact to the microsecond). */
  @JsonPropertyOrder({"movementId", "movedAt", "epc", "uri", "firstSeen", "lastSeen", "reads", "peakRssi"})
  record Row(UUID movementId, String movedAt, String epc, String uri, String firstSeen, String lastSeen, int reads,
             double peakRssi) {
  }

  private MovementTagsCopy() {
  }

  /** Copies the tags of {@code movements}, none of which may have tag rows yet. */
  static void copy(Connection c, List<MovementEvent> movements) throws SQLException {
    if (movements.isEmpty()) {
      return;
    }
    ByteArrayOutputStream csv = new ByteArrayOutputStream(movements.size() * 2048);
    try (SequenceWriter rows = ROWS.writeValues(csv)) {
      for (MovementEvent m : movements) {
        String movedAt = EventIds.timestampOf(m.movementId()).toString();
        for (TagObservation t : m.tags()) {
          rows.write(new Row(m.movementId(), movedAt, t.epc(), t.uri(), t.firstSeen().toString(),
              t.lastSeen().toString(), t.reads(), t.peakRssi()));
        }
      }
    } catch (IOException e) {
      throw new SQLException("encoding movement_tags rows for COPY failed", e);
    }
    try {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(csv.toByteArray()));
    } catch (IOException e) {
      throw new SQLException("COPY into movement_tags failed", e);
    }
  }
}
