package io.tagflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.testing.TestDatabase;
import io.tagflow.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Proves the test wiring: a real PostgreSQL answers, and whether it offers TimescaleDB is reported. */
class JdbcRoundTripIT {
  private static final Logger log = LoggerFactory.getLogger(JdbcRoundTripIT.class);
  private static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    db = TestServices.newDatabase("jdbc_round_trip");
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @Test
  void insertAndSelect_roundTripsRowThroughServer() throws Exception {
    OffsetDateTime at = OffsetDateTime.of(2026, 11, 21, 8, 30, 0, 0, ZoneOffset.UTC);
    try (Connection c = db.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE probe (epc text PRIMARY KEY, seen_at timestamptz NOT NULL, reads int NOT NULL)");
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO probe VALUES (?, ?, ?)")) {
        insert.setString(1, "urn:epc:id:sgtin:0614141.812345.6789");
        insert.setObject(2, at);
        insert.setInt(3, 7);
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT epc, seen_at, reads, current_database() FROM probe")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("urn:epc:id:sgtin:0614141.812345.6789");
        assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(at.toInstant());
        assertThat(rs.getInt(3)).isEqualTo(7);
        assertThat(rs.getString(4)).isEqualTo(db.name());
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void timescaleProbe_agreesWithServerCatalogue() throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'")) {
      rs.next();
      assertThat(rs.getInt(1) == 1).isEqualTo(db.timescaleAvailable());
    }
    log.info("TimescaleDB extension available on {}: {}", db.source(), db.timescaleAvailable());
  }
}
