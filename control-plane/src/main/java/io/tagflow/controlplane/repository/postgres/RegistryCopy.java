package io.tagflow.controlplane.repository.postgres;

import io.tagflow.controlplane.model.TagRecord;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Registry import in the caller's transaction: COPY into a temporary staging table (chunked, so millions
 * of tags hold bounded memory), check that every lot exists, then one merging {@code INSERT ... ON
 * CONFLICT}. One statement per chunk instead of one per tag is what makes a 100,000-row CSV import quick.
 */
final class RegistryCopy {
  /** Registrations sent to COPY per chunk. */
  private static final int COPY_CHUNK = 50_000;

  private RegistryCopy() {
  }

  static void copy(Connection c, List<TagRecord> tags) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE tags_import (seq bigserial, epc text NOT NULL, lot_id text NOT NULL) ON COMMIT DROP");
    }
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    StringBuilder chunk = new StringBuilder();
    int inChunk = 0;
    for (TagRecord t : tags) {
      // EPCs are hex (TagRecord checks it); lot ids are quoted when CSV needs it.
      chunk.append(t.epc()).append(',').append(csv(t.lotId())).append('\n');
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
  }

  private static void copyChunk(CopyManager copy, StringBuilder chunk) throws SQLException {
    try {
      copy.copyIn("COPY tags_import (epc, lot_id) FROM STDIN WITH (FORMAT csv)", new StringReader(chunk.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY into tags_import failed", e);
    }
  }

  private static String csv(String value) {
    return value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
