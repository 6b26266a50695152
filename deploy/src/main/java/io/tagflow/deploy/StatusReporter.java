package io.tagflow.deploy;

import io.tagflow.sim.reader.SimulatedReader;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints the demo's one-line status periodically, counted straight from the control plane's store
 * (movements and anomalies of the site) and the simulated readers (how many have a gateway connected),
 * and one line when the first movement is stored. A failed count is reported on the line and retried
 * on the next tick.
 */
final class StatusReporter implements AutoCloseable {
  private static final String COUNTS = """
      SELECT (SELECT count(*) FROM movements WHERE site_id = ?),
             (SELECT count(*) FROM anomalies WHERE site_id = ?),
             (SELECT count(*) FROM anomalies WHERE site_id = ? AND type = 'unexpected_exit')
      """;

  private final String jdbcUrl;
  private final String site;
  private final List<SimulatedReader> readers;
  private final PrintStream out;
  private final long startedNanos;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tagflow-demo-status");
    t.setDaemon(true);
    return t;
  });
  private boolean firstMovementSeen;
  /** Movements already stored when the demo started (a persistent --pg-url database), or -1 unknown. */
  private long storedBefore = -1;

  StatusReporter(String jdbcUrl, String site, List<SimulatedReader> readers, PrintStream out, long startedNanos) {
    this.jdbcUrl = jdbcUrl;
    this.site = site;
    this.readers = List.copyOf(readers);
    this.out = out;
    this.startedNanos = startedNanos;
  }

  /**
   * Counts what is stored already, then polls every second until the first new movement, and prints the
   * status every {@code every}.
   */
  void start(Duration every) {
    timer.execute(this::watchFirstMovement);
    timer.scheduleWithFixedDelay(this::watchFirstMovement, 1, 1, TimeUnit.SECONDS);
    timer.scheduleAtFixedRate(this::print, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void watchFirstMovement() {
    if (firstMovementSeen) {
      return;
    }
    try {
      long[] c = counts();
      if (storedBefore < 0) {
        storedBefore = c[0];
        return;
      }
      if (c[0] > storedBefore) {
        firstMovementSeen = true;
        out.printf(Locale.ROOT, "tagflow demo: first movement stored %.1f s after start%n", uptime());
        out.flush();
      }
    } catch (SQLException e) {
      // the periodic line reports store problems
    }
  }

  private void print() {
    long connected = readers.stream().filter(SimulatedReader::hasClient).count();
    String counts;
    try {
      long[] c = counts();
      counts = c[0] + " movements, " + c[1] + " anomalies (" + c[2] + " unexpected exits)";
    } catch (SQLException e) {
      counts = "store not answering (" + e.getMessage().lines().findFirst().orElse("") + ")";
    }
    out.printf(Locale.ROOT, "tagflow demo: %6.0f s up: %s, %d/%d readers connected%n", uptime(), counts, connected,
        readers.size());
    out.flush();
  }

  long[] counts() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl); PreparedStatement s = c.prepareStatement(COUNTS)) {
      s.setString(1, site);
      s.setString(2, site);
      s.setString(3, site);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
      }
    }
  }

  private double uptime() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
