package io.tagflow.controlplane.store;

import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Stores an {@link EventBatch} in one PostgreSQL transaction: new movements and their tags, a
 * {@code tag_location_backlog} row naming them, the bin placements of location events, reader and
 * gateway states, dead letters.
 *
 * <p>The door placements of new movements (each tag of a movement is at its door) are folded into
 * {@code tag_locations} later, from the store's own thread, several batches in one statement
 * ({@link TagLocationApplier}); until then {@link TagLocationRepository}'s reads take them from the
 * backlog, and a crash leaves them there, which {@link #open} folds before it returns. So
 * {@code tag_locations} alone is complete whenever no batch is {@linkplain #pendingPlacements() pending},
 * and always after {@link #open}.
 *
 * <p>Thread-safe. {@link #close} stops the applier thread.
 */
public final class PostgresEventStore implements EventStore, AutoCloseable {
  /** Gauge name for {@link #pendingPlacements()}. */
  public static final String PENDING_PLACEMENTS = "tagflow.store.placements.pending";
  /**
   * Attempts of a batch: the first without the look-up of stored ids ({@link MovementRepository#insertNew}),
   * then with it, again when concurrent writers of its movements commit first ({@link MovementRepository#insert}).
   */
  private static final int MAX_ATTEMPTS = 4;
  private static final String BACKLOG = "INSERT INTO tag_location_backlog (movement_ids, moved_ats)"
      + " VALUES (?::uuid[], ?::timestamptz[]) RETURNING backlog_id";

  private final DataSource dataSource;
  private final MovementRepository movements;
  private final TagLocationRepository locations;
  private final DeviceStateRepository devices;
  private final DeadLetterRepository deadLetters;
  private final TagLocationApplier applier;

  private PostgresEventStore(DataSource dataSource, TagLocationApplier applier) {
    this.dataSource = dataSource;
    this.movements = new MovementRepository(dataSource);
    this.locations = new TagLocationRepository(dataSource);
    this.devices = new DeviceStateRepository(dataSource);
    this.deadLetters = new DeadLetterRepository(dataSource);
    this.applier = applier;
  }

  /**
   * Folds the placements a previous run left in the backlog (so {@code tag_locations} is complete
   * when this returns), then starts the placement thread.
   */
  public static PostgresEventStore open(DataSource dataSource) throws SQLException {
    return open(dataSource, TagLocationApplier.Policy.DEFAULT);
  }

  /** As {@link #open(DataSource)}, folding placements as {@code policy} says. */
  static PostgresEventStore open(DataSource dataSource, TagLocationApplier.Policy policy) throws SQLException {
    return new PostgresEventStore(dataSource, TagLocationApplier.start(dataSource, policy));
  }

  @Override
  public StoredBatch store(EventBatch batch) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        return storeOnce(batch, attempt > 1);
      } catch (SQLException e) {
        // One of these movements is stored already (a redelivery), or another transaction stored it
        // between our look-up and our COPY: again, with the look-up, which finds it. Anything else, or
        // a third race in a row, is the caller's failure.
        if (!MovementRepository.UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private StoredBatch storeOnce(EventBatch batch, boolean lookUp) throws SQLException {
    Written written = Sql.inTransaction(dataSource, c -> {
      List<MovementEvent> inserted = lookUp ? movements.insert(c, batch.movements(), batch.receivedAt())
          : movements.insertNew(c, batch.movements(), batch.receivedAt());
      long backlog = inserted.isEmpty() ? 0 : backlog(c, inserted);
      List<TagLocation> bins = new ArrayList<>(batch.locations().size());
      for (LocationEvent l : batch.locations()) {
        bins.add(TagLocationRepository.placement(l));
      }
      locations.apply(c, bins);
      devices.applyReaderStatuses(c, batch.readerStatuses());
      devices.applyHealth(c, batch.health(), batch.receivedAt());
      deadLetters.insert(c, batch.deadLetters());
      return new Written(inserted, backlog);
    });
    List<MovementEvent> fresh = written.fresh();
    if (written.backlogId() != 0) {
      // Only new movements place tags: a redelivered old movement must not undo a later location.
      applier.stored();
    }
    return new StoredBatch(batch, fresh, batch.movements().size() - fresh.size());
  }

  /** Stored batches whose door placements are not in {@code tag_locations} yet. */
  public int pendingPlacements() {
    return applier.pending();
  }

  /** Folds now and waits until {@code tag_locations} alone holds every stored placement; false when {@code timeout} passed first. */
  public boolean awaitPlacements(Duration timeout) throws InterruptedException {
    return applier.awaitIdle(timeout);
  }

  /** Folds the stored placements, then stops the placement thread; what is left stays in the backlog. */
  @Override
  public void close() throws InterruptedException {
    applier.close();
  }

  private static long backlog(Connection c, List<MovementEvent> fresh) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(BACKLOG)) {
      ps.setArray(1, Sql.uuids(c, fresh, MovementEvent::movementId));
      ps.setArray(2, Sql.instants(c, fresh, m -> EventIds.timestampOf(m.movementId())));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** What one batch's transaction stored: the movements new to the store and their backlog row (0: none). */
  private record Written(List<MovementEvent> fresh, long backlogId) {
  }
}
