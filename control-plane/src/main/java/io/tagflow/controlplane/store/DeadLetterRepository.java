package io.tagflow.controlplane.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Payloads ingest could not use ({@code dead_letters}), kept byte for byte with the reason. */
public final class DeadLetterRepository {
  private final DataSource dataSource;

  public DeadLetterRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores dead letters in the caller's transaction. */
  public void insert(Connection c, List<DeadLetter> letters) throws SQLException {
    if (letters.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO dead_letters (received_at, topic, reason, payload) VALUES (?, ?, ?, ?)")) {
      for (DeadLetter d : letters) {
        ps.setObject(1, Sql.utc(d.receivedAt()));
        ps.setString(2, d.topic());
        ps.setString(3, d.reason());
        ps.setBytes(4, d.payload());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The newest dead letters, newest first, at most {@code limit}. */
  public List<DeadLetter> recent(int limit) throws SQLException {
    List<DeadLetter> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM dead_letters ORDER BY received_at DESC, dead_letter_id DESC LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(new DeadLetter(rs.getLong("dead_letter_id"), Sql.instant(rs, "received_at"), rs.getString("topic"),
              rs.getString("reason"), rs.getBytes("payload")));
        }
      }
    }
    return result;
  }
}
