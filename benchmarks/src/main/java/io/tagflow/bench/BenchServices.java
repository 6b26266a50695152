package io.tagflow.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where the control-plane benchmarks find PostgreSQL and an MQTT broker: {@code TAGFLOW_BENCH_PG_URL}
 * (a JDBC URL of any database on the server; benchmarks create their own databases next to it) and
 * {@code TAGFLOW_BENCH_MQTT_URI} when set; otherwise {@code 127.0.0.1:5432} (user postgres) and
 * {@code tcp://127.0.0.1:1883} if something answers there; otherwise one error line saying what to set.
 */
final class BenchServices {
  static final String ENV_PG_URL = "TAGFLOW_BENCH_PG_URL";
  static final String ENV_MQTT_URI = "TAGFLOW_BENCH_MQTT_URI";
  static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
  static final String DEFAULT_MQTT_URI = "tcp://127.0.0.1:1883";

  private BenchServices() {
  }

  /** Thrown when a service is neither configured nor found; its message is the one line to print. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message, null, false, false);
    }
  }

  static String pgUrl() throws Unavailable {
    String env = System.getenv(ENV_PG_URL);
    if (env != null && !env.isBlank()) {
      return env;
    }
    if (!answers("127.0.0.1", 5432)) {
      throw new Unavailable("no PostgreSQL at 127.0.0.1:5432: set " + ENV_PG_URL
          + " (e.g. jdbc:postgresql://host:5432/postgres?user=postgres&password=...)");
    }
    return DEFAULT_PG_URL;
  }

  static String mqttUri() throws Unavailable {
    String env = System.getenv(ENV_MQTT_URI);
    if (env != null && !env.isBlank()) {
      return env;
    }
    if (!answers("127.0.0.1", 1883)) {
      throw new Unavailable("no MQTT broker at 127.0.0.1:1883: set " + ENV_MQTT_URI + " (e.g. tcp://host:1883)");
    }
    return DEFAULT_MQTT_URI;
  }

  /** The JDBC URL of database {@code name} on the server of {@code serverUrl} (same host, port, parameters). */
  static String databaseUrl(String serverUrl, String name) {
    URI uri = URI.create(serverUrl.substring("jdbc:".length()));
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return "jdbc:postgresql://" + uri.getRawAuthority() + "/" + name + query;
  }

  /** Whether database {@code name} exists on the server. */
  static boolean exists(String serverUrl, String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
      return rs.next();
    }
  }

  /** Drops (if there) and creates database {@code name}; returns its JDBC URL. Names are constants here. */
  static String recreate(String serverUrl, String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + name);
    }
    return databaseUrl(serverUrl, name);
  }

  static void drop(String serverUrl, String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private static boolean answers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Percentile (0..100) of sorted values, nearest rank. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
