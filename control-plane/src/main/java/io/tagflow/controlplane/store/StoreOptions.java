package io.tagflow.controlplane.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Storage settings.
 *
 * @param jdbcUrl PostgreSQL JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/tagflow}
 * @param user user name, or null when the URL carries it
 * @param password password, or null; never logged
 * @param maximumPoolSize connections in the pool, default {@link #DEFAULT_MAXIMUM_POOL_SIZE}
 * @param forcePlain use plain PostgreSQL partitioning even when TimescaleDB is available (for a new
 *     database; an existing one keeps its recorded mode)
 * @param compressAfter TimescaleDB only: compress movement chunks older than this, default
 *     {@link #DEFAULT_COMPRESS_AFTER}
 * @param retainFor TimescaleDB only: drop movement chunks older than this, default
 *     {@link #DEFAULT_RETAIN_FOR}
 * @param partitionsAhead plain mode only: monthly partitions created ahead at start, default
 *     {@link #DEFAULT_PARTITIONS_AHEAD}
 */
public record StoreOptions(String jdbcUrl, String user, String password, int maximumPoolSize, boolean forcePlain,
                           Duration compressAfter, Duration retainFor, int partitionsAhead) {
  public static final int DEFAULT_MAXIMUM_POOL_SIZE = 8;
  public static final Duration DEFAULT_COMPRESS_AFTER = Duration.ofDays(7);
  public static final Duration DEFAULT_RETAIN_FOR = Duration.ofDays(400);
  public static final int DEFAULT_PARTITIONS_AHEAD = 3;

  public StoreOptions {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("jdbcUrl: expected jdbc:postgresql://..., got a URL of another kind");
    }
    if (maximumPoolSize < 1) {
      throw new IllegalArgumentException("maximumPoolSize must be positive");
    }
    if (compressAfter.isNegative() || compressAfter.isZero() || retainFor.compareTo(compressAfter) <= 0) {
      throw new IllegalArgumentException("compressAfter must be positive and shorter than retainFor");
    }
    if (partitionsAhead < 1) {
      throw new IllegalArgumentException("partitionsAhead must be positive");
    }
  }

  /** The defaults for a database at {@code jdbcUrl}. */
  public static StoreOptions defaults(String jdbcUrl) {
    return new StoreOptions(jdbcUrl, null, null, DEFAULT_MAXIMUM_POOL_SIZE, false, DEFAULT_COMPRESS_AFTER,
        DEFAULT_RETAIN_FOR, DEFAULT_PARTITIONS_AHEAD);
  }

  /** A copy that forces plain PostgreSQL mode for a new database. */
  public StoreOptions withForcePlain(boolean forcePlain) {
    return new StoreOptions(jdbcUrl, user, password, maximumPoolSize, forcePlain, compressAfter, retainFor,
        partitionsAhead);
  }

  @Override
  public String toString() {
    // The password stays out of logs.
    return "StoreOptions[jdbcUrl=" + jdbcUrl.replaceAll("password=[^&]*", "password=***") + ", user=" + user
        + ", maximumPoolSize=" + maximumPoolSize + ", forcePlain=" + forcePlain + ", compressAfter=" + compressAfter
        + ", retainFor=" + retainFor + ", partitionsAhead=" + partitionsAhead + "]";
  }
}
