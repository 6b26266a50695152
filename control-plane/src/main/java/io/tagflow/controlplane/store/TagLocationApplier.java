package io.tagflow.controlplane.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the door placements of stored movements into {@code tag_locations}, on its own thread and
 * connection, a while after the ingest transactions that stored them: one set-based statement for every
 * batch stored since the last fold, so that a tag moved several times in between is written once and
 * the ingest commit writes the movement rows and one {@code tag_location_backlog} row only.
 *
 * <p><b>When.</b> A fold starts once no batch was stored for {@link Policy#quiet} (the end of a burst),
 * or {@link Policy#maxDelay} after the oldest batch not folded (sustained ingest), or when asked
 * ({@link #awaitIdle}), and at {@link #close}. Ingest never waits for it.
 *
 * <p><b>Durability and reads.</b> The ingest transaction that stores movements also adds a backlog row
 * naming them; the fold deletes the rows it applies in the same statement (one snapshot: a row committed
 * meanwhile is neither applied nor deleted). Until then the placements are read from the backlog
 * ({@link TagLocationRepository#CURRENT_OF_SITE}), so readers never see the lag. A crash leaves the rows,
 * and {@link #start} folds them before it returns: the store's caller rebuilds the live state only
 * after that. Placements are last-writer-wins by (time, event id) in SQL, so folding late, twice, by
 * several instances at once or in another order gives the same rows.
 *
 * <p>{@link #stored}, {@link #pending}, {@link #awaitIdle} and {@link #close} are thread-safe.
 */
final class TagLocationApplier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TagLocationApplier.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  /** Applies and deletes every backlog row in one statement; of several placements of a tag the newest wins. */
  private static final String FOLD = "WITH gone AS (DELETE FROM tag_location_backlog RETURNING movement_ids, moved_ats),"
      + " placed AS (" + TagLocationRepository.doorPlacementsOf("gone") + ")"
      + " INSERT INTO tag_locations (epc, site_id, bin_id, door_id, at, event_id)"
      + " SELECT epc, site_id, bin_id, door_id, at, event_id FROM placed ORDER BY epc "
      + TagLocationRepository.NEWER_WINS;

  /**
   * When to fold.
   *
   * @param quiet fold once no batch was stored for this long
   * @param maxDelay fold at the latest this long after the oldest batch not folded yet
   */
  record Policy(Duration quiet, Duration maxDelay) {
    /** 200 ms quiet, 5 s at most: during sustained ingest a tag's moves within 5 s are written once. */
    static final Policy DEFAULT = new Policy(Duration.ofMillis(200), Duration.ofSeconds(5));
  }

  private final DataSource dataSource;
  private final Policy policy;
  private final Thread thread;
  private final Object lock = new Object();
  /** Batches this instance stored with a backlog row, and how many of them a finished fold covered. */
  private long submitted;
  private long folded;
  private long firstUnfoldedNanos;
  private long lastStoredNanos;
  private boolean foldNow;
  private boolean stopping;

  private TagLocationApplier(DataSource dataSource, Policy policy) {
    this.dataSource = dataSource;
    this.policy = policy;
    this.thread = new Thread(this::run, "tagflow-tag-locations");
    this.thread.setDaemon(true);
  }

  /**
   * Folds what a previous run (or another instance) left in the backlog, then starts the fold thread.
   *
   * @return the running applier
   * @throws SQLException when the backlog cannot be folded; nothing is started then
   */
  static TagLocationApplier start(DataSource dataSource, Policy policy) throws SQLException {
    TagLocationApplier applier = new TagLocationApplier(dataSource, policy);
    int recovered = fold(dataSource);
    if (recovered > 0) {
      log.info("Applied {} tag placements left in the backlog", recovered);
    }
    applier.thread.start();
    return applier;
  }

  /** Applies and deletes every backlog row; the number of tag_locations rows written. */
  static int fold(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      return s.executeUpdate(FOLD);
    }
  }

  /**
   * Records that a batch with a backlog row was committed. After {@link #close} it does nothing: the
   * backlog row keeps the placements for the next {@link #start}.
   */
  void stored() {
    synchronized (lock) {
      if (stopping) {
        return;
      }
      long now = System.nanoTime();
      if (submitted == folded) {
        firstUnfoldedNanos = now;
      }
      submitted++;
      lastStoredNanos = now;
      lock.notifyAll();
    }
  }

  /** Stored batches whose placements are not folded into {@code tag_locations} yet. */
  int pending() {
    synchronized (lock) {
      return (int) (submitted - folded);
    }
  }

  /** Folds now and waits until every batch stored so far is folded; false when {@code timeout} passed first. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      long target = submitted;
      foldNow = true;
      lock.notifyAll();
      while (folded < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /**
   * Folds what is stored (one attempt), then stops the thread. What fails or is still waiting after
   * {@code timeout} stays in the backlog for the next {@link #start}.
   */
  void close(Duration timeout) throws InterruptedException {
    synchronized (lock) {
      stopping = true;
      lock.notifyAll();
    }
    thread.join(timeout.toMillis());
  }

  @Override
  public void close() throws InterruptedException {
    close(Duration.ofSeconds(30));
  }

  private void run() {
    try {
      while (true) {
        long mark = awaitDue();
        if (mark < 0) {
          return;
        }
        foldWithRetry();
        synchronized (lock) {
          folded = Math.max(folded, mark);
          lock.notifyAll();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("Tag location applier stopped by an unexpected error; the backlog is applied at the next start", e);
    }
  }

  /**
   * Waits until a fold is due; returns the count of stored batches it will cover (all committed before
   * the fold's statement starts), or -1 when stopping with nothing to fold.
   */
  private long awaitDue() throws InterruptedException {
    synchronized (lock) {
      while (true) {
        if (submitted == folded) {
          foldNow = false;
          if (stopping) {
            return -1;
          }
          lock.wait();
          continue;
        }
        long now = System.nanoTime();
        long due = Math.min(lastStoredNanos + policy.quiet().toNanos(), firstUnfoldedNanos + policy.maxDelay().toNanos());
        if (foldNow || stopping || now - due >= 0) {
          foldNow = false;
          return submitted;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, due - now);
      }
    }
  }

  /** Folds, retrying with backoff until it succeeds or the applier is closing. */
  private void foldWithRetry() throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    while (true) {
      try {
        fold(dataSource);
        return;
      } catch (SQLException | RuntimeException e) {
        // A runtime error is retried too: the backlog only grows while no fold succeeds.
        if (isStopping()) {
          log.warn("Applying tag placements failed while closing; the backlog keeps them: {}", e.toString());
          return;
        }
        log.warn("Applying tag placements failed, will retry: {}", e.toString());
        TimeUnit.NANOSECONDS.sleep(backoff.toNanos());
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  private boolean isStopping() {
    synchronized (lock) {
      return stopping;
    }
  }
}
