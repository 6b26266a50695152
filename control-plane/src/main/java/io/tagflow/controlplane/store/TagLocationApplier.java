package io.tagflow.controlplane.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the door placements of stored movements to {@code tag_locations} after the ingest
 * transaction committed, on its own thread and connection, so that the ingest commit writes the
 * movement rows and one {@code tag_location_backlog} row, not 20 location updates per movement.
 *
 * <p><b>Durability.</b> The ingest transaction that stores movements also adds a backlog row naming
 * them; the transaction that applies their placements deletes that row. A crash in between leaves the
 * row, and {@link #start} applies every row left, reading the placements back from
 * {@code movement_tags}, before it returns: the store's caller rebuilds the live state from
 * {@code tag_locations} only after that. Placements are last-writer-wins by (time, event id) in SQL
 * ({@link TagLocationRepository#apply}), so applying them late, twice, coalesced or in another order
 * gives the same rows.
 *
 * <p><b>Backpressure.</b> At most {@code capacity} stored batches wait; {@link #submit} blocks beyond
 * that, which holds up the ingest thread: ingest runs no faster than its placements are applied.
 *
 * <p>{@link #submit}, {@link #pending}, {@link #awaitIdle} and {@link #close} are thread-safe.
 */
final class TagLocationApplier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TagLocationApplier.class);
  /** Stored batches applied in one transaction at most. */
  private static final int MAX_COALESCED = 8;
  private static final Duration IDLE_POLL = Duration.ofMillis(200);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final String DELETE = "DELETE FROM tag_location_backlog WHERE backlog_id = ANY(?::bigint[])";
  /**
   * Applies and deletes every backlog row in one statement (one snapshot: a row committed meanwhile is
   * neither applied nor deleted). Of several placements of a tag the newest wins, ordered as
   * {@link TagLocationRepository} orders them.
   */
  private static final String RECOVER = """
      WITH gone AS (DELETE FROM tag_location_backlog RETURNING movement_ids, moved_ats),
      placed AS (
        SELECT DISTINCT ON (t.epc) t.epc, m.site_id, m.door_id, t.last_seen, t.movement_id
        FROM gone g
        CROSS JOIN LATERAL unnest(g.movement_ids, g.moved_ats) AS u(movement_id, moved_at)
        JOIN movements m ON m.movement_id = u.movement_id AND m.moved_at = u.moved_at
        JOIN movement_tags t ON t.movement_id = u.movement_id AND t.moved_at = u.moved_at
        ORDER BY t.epc, t.last_seen DESC, t.movement_id::text DESC)
      INSERT INTO tag_locations (epc, site_id, bin_id, door_id, at, event_id)
      SELECT epc, site_id, NULL, door_id, last_seen, movement_id FROM placed ORDER BY epc
      ON CONFLICT (epc) DO UPDATE
        SET site_id = EXCLUDED.site_id, bin_id = EXCLUDED.bin_id, door_id = EXCLUDED.door_id,
            at = EXCLUDED.at, event_id = EXCLUDED.event_id
        WHERE (tag_locations.at, tag_locations.event_id::text) < (EXCLUDED.at, EXCLUDED.event_id::text)
      """;

  /** The placements of one stored batch and the backlog row that names its movements. */
  record Work(long backlogId, List<TagLocation> placements) {
  }

  private final DataSource dataSource;
  private final TagLocationRepository locations;
  private final BlockingQueue<Work> queue;
  /** Batches submitted and not yet applied (queued or being applied). */
  private final AtomicInteger pending = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopping;

  private TagLocationApplier(DataSource dataSource, int capacity) {
    this.dataSource = dataSource;
    this.locations = new TagLocationRepository(dataSource);
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "tagflow-tag-locations");
    this.thread.setDaemon(true);
  }

  /**
   * Applies what a previous run left in the backlog, then starts the applier thread.
   *
   * @param capacity stored batches that may wait before {@link #submit} blocks
   * @return the running applier
   * @throws SQLException when the backlog cannot be applied; nothing is started then
   */
  static TagLocationApplier start(DataSource dataSource, int capacity) throws SQLException {
    TagLocationApplier applier = new TagLocationApplier(dataSource, capacity);
    int recovered = recover(dataSource);
    if (recovered > 0) {
      log.info("Applied {} tag placements left in the backlog by the previous run", recovered);
    }
    applier.thread.start();
    return applier;
  }

  /** Applies and deletes every backlog row; the number of tag_locations rows written. */
  static int recover(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      return s.executeUpdate(RECOVER);
    }
  }

  /**
   * Queues the placements of a committed batch; blocks while {@code capacity} batches wait. After
   * {@link #close} it queues nothing: the backlog row keeps the placements for the next {@link #start}.
   *
   * @throws InterruptedException when interrupted while waiting: the work is not queued, and its
   *     backlog row stays for the next {@link #start}
   */
  void submit(Work work) throws InterruptedException {
    if (stopping) {
      log.debug("Tag location applier closed: backlog row {} waits for the next start", work.backlogId());
      return;
    }
    pending.incrementAndGet();
    try {
      queue.put(work);
    } catch (InterruptedException e) {
      pending.decrementAndGet();
      throw e;
    }
  }

  /** Stored batches whose placements are not applied yet. */
  int pending() {
    return pending.get();
  }

  /** Waits until every submitted batch is applied; false when {@code timeout} passed first. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(2);
    }
    return true;
  }

  /**
   * Applies what is queued (one attempt per transaction), then stops the thread. What fails or is
   * still waiting after {@code timeout} stays in the backlog for the next {@link #start}.
   */
  void close(Duration timeout) throws InterruptedException {
    stopping = true;
    thread.join(timeout.toMillis());
  }

  @Override
  public void close() throws InterruptedException {
    close(Duration.ofSeconds(30));
  }

  private void run() {
    List<Work> work = new ArrayList<>();
    try {
      while (true) {
        Work first = queue.poll(IDLE_POLL.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
          if (stopping) {
            return;
          }
          continue;
        }
        work.add(first);
        queue.drainTo(work, MAX_COALESCED - 1);
        applyWithRetry(work);
        pending.addAndGet(-work.size());
        work.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("Tag location applier stopped by an unexpected error; the backlog is applied at the next start", e);
    }
  }

  /** Applies {@code work}, retrying with backoff until it succeeds or the applier is closing. */
  private void applyWithRetry(List<Work> work) throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    while (true) {
      try {
        apply(work);
        return;
      } catch (SQLException | RuntimeException e) {
        // A runtime error is retried too: a dead thread would leave ingest waiting on a full queue.
        if (stopping) {
          log.warn("Applying tag placements failed while closing; the backlog keeps them: {}", e.toString());
          return;
        }
        log.warn("Applying tag placements of {} batches failed, will retry: {}", work.size(), e.toString());
        TimeUnit.NANOSECONDS.sleep(backoff.toNanos());
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  /** One transaction: the newest placement per tag of all of {@code work}, and the deletion of its backlog rows. */
  private void apply(List<Work> work) throws SQLException {
    List<TagLocation> placements = new ArrayList<>();
    Long[] backlogIds = new Long[work.size()];
    for (int i = 0; i < work.size(); i++) {
      placements.addAll(work.get(i).placements());
      backlogIds[i] = work.get(i).backlogId();
    }
    Sql.inTransaction(dataSource, c -> {
      locations.apply(c, placements);
      try (PreparedStatement ps = c.prepareStatement(DELETE)) {
        ps.setArray(1, c.createArrayOf("int8", backlogIds));
        ps.executeUpdate();
      }
      return null;
    });
  }
}
