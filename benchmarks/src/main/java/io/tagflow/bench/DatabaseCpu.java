package io.tagflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time the PostgreSQL backends of one database used, read from {@code /proc/PID/stat} (utime +
 * stime, in clock ticks of 10 ms): a figure that, unlike wall time, does not grow when other
 * processes load the machine. Only for a server on this host (Linux); elsewhere it reads nothing.
 *
 * <p>Counts every backend of the database except the one of {@code observer} (the benchmark's own
 * connection, which polls). A backend that ends between two readings loses what it used since the
 * first; connection pools keep theirs open.
 */
final class DatabaseCpu {
  private static final double MILLIS_PER_TICK = 10.0;

  private final Connection observer;
  private final boolean includeObserver;
  private Map<Integer, Long> start = Map.of();

  /**
   * @param includeObserver whether the observer's own backend counts (yes when it does the work
   *     measured, as for COPY)
   */
  DatabaseCpu(Connection observer, boolean includeObserver) {
    this.observer = observer;
    this.includeObserver = includeObserver;
  }

  /** Starts a measurement. */
  void start() throws SQLException {
    start = ticks();
  }

  /** CPU milliseconds used by the backends since {@link #start}; NaN when /proc cannot be read. */
  double elapsedMillis() throws SQLException {
    Map<Integer, Long> now = ticks();
    if (now.isEmpty()) {
      return Double.NaN;
    }
    long used = 0;
    for (Map.Entry<Integer, Long> e : now.entrySet()) {
      used += e.getValue() - start.getOrDefault(e.getKey(), 0L);
    }
    return used * MILLIS_PER_TICK;
  }

  private Map<Integer, Long> ticks() throws SQLException {
    Map<Integer, Long> result = new HashMap<>();
    String sql = "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
        + (includeObserver ? "" : " AND pid <> pg_backend_pid()");
    try (Statement s = observer.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        int pid = rs.getInt(1);
        try {
          // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
          String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          result.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
          // Not on this host, or gone: not counted.
        }
      }
    }
    return result;
  }
}
