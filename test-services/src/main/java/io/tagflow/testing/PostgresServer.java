package io.tagflow.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** A PostgreSQL server that test databases are created on. Resolved once by {@link TestServices}. */
public final class PostgresServer {
  private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?$");
  private static final String TIMESCALE_IMAGE = "timescale/timescaledb:latest-pg16";

  private final String adminUrl;
  private final String description;

  private PostgresServer(String adminUrl, String description) {
    this.adminUrl = adminUrl;
    this.description = description;
  }

  static PostgresServer resolve(String envUrl) {
    if (envUrl != null && !envUrl.isBlank()) {
      return fromEnvironment(TestServices.PG_URL_ENV, envUrl);
    }
    if (TestServices.dockerAvailable()) {
      return startContainer();
    }
    return startEmbedded();
  }

  /**
   * The server at {@code url}, taken from environment variable {@code variable} (named in the
   * description and in the error when the URL is not a PostgreSQL JDBC URL).
   */
  static PostgresServer fromEnvironment(String variable, String url) {
    String trimmed = url.trim();
    if (!JDBC_URL.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(variable + " is not a PostgreSQL JDBC URL "
          + "(jdbc:postgresql://host:port/database?user=...): " + withoutQuery(trimmed));
    }
    return new PostgresServer(trimmed, "environment " + variable + " (" + withoutQuery(trimmed) + ")");
  }

  private static PostgresServer startContainer() {
    DockerImageName image = DockerImageName.parse(TIMESCALE_IMAGE).asCompatibleSubstituteFor("postgres");
    PostgreSQLContainer<?> container = new PostgreSQLContainer<>(image);
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-stop"));
    String url = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
        + "user=" + container.getUsername() + "&password=" + container.getPassword();
    return new PostgresServer(url, "Testcontainers " + TIMESCALE_IMAGE);
  }

  static PostgresServer startEmbedded() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200")
          .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (IOException ignored) {
          // the JVM is exiting; the data directory is a temporary one
        }
      }, "test-postgres-stop"));
      String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres?user=postgres";
      return new PostgresServer(url, "embedded PostgreSQL on 127.0.0.1:" + pg.getPort());
    } catch (IOException e) {
      throw new IllegalStateException("Could not start embedded PostgreSQL: " + e.getMessage()
          + ". Set " + TestServices.PG_URL_ENV + " to use a running server instead.", e);
    }
  }

  String description() {
    return description;
  }

  /**
   * Whether TimescaleDB works on this server: the extension is installed and in
   * {@code shared_preload_libraries}. Installed alone is not enough (the package's files without the
   * preload setting), since {@code CREATE EXTENSION timescaledb} then fails.
   */
  boolean runsTimescale() {
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      if (!offersTimescale(s)) {
        return false;
      }
      try (ResultSet rs = s.executeQuery("SELECT current_setting('shared_preload_libraries') ~ 'timescaledb'")) {
        return rs.next() && rs.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not reach the test PostgreSQL " + description + ": " + e.getMessage(), e);
    }
  }

  private static boolean offersTimescale(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
      return rs.next();
    }
  }

  TestDatabase createDatabase(String name) {
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\"");
      return new TestDatabase(databaseUrl(adminUrl, name), name, offersTimescale(s), description, this);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name + " on " + description + ": "
          + e.getMessage(), e);
    }
  }

  void dropDatabase(String name) {
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not drop test database " + name + ": " + e.getMessage(), e);
    }
  }

  /** The same server and parameters as {@code url}, on database {@code name}. */
  static String databaseUrl(String url, String name) {
    Matcher m = JDBC_URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database?user=...): "
          + withoutQuery(url));
    }
    return m.group(1) + "/" + name + (m.group(3) == null ? "" : m.group(3));
  }

  /** The URL without its parameters, which may hold a password. */
  private static String withoutQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
