package io.tagflow.controlplane.store;

import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Stores an {@link EventBatch} in one PostgreSQL transaction: new movements and their tags, the tag
 * locations they and the location events imply, reader and gateway states, dead letters.
 */
public final class PostgresEventStore implements EventStore {
  private final DataSource dataSource;
  private final MovementRepository movements;
  private final TagLocationRepository locations;
  private final DeviceStateRepository devices;
  private final DeadLetterRepository deadLetters;

  public PostgresEventStore(DataSource dataSource) {
    this.dataSource = dataSource;
    this.movements = new MovementRepository(dataSource);
    this.locations = new TagLocationRepository(dataSource);
    this.devices = new DeviceStateRepository(dataSource);
    this.deadLetters = new DeadLetterRepository(dataSource);
  }

  @Override
  public StoredBatch store(EventBatch batch) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<MovementEvent> fresh = movements.insert(c, batch.movements(), batch.receivedAt());
        List<TagLocation> placements = new ArrayList<>();
        // Only new movements place tags: a redelivered old movement must not undo a later location.
        for (MovementEvent m : fresh) {
          placements.addAll(TagLocationRepository.placements(m));
        }
        for (LocationEvent l : batch.locations()) {
          placements.add(TagLocationRepository.placement(l));
        }
        locations.apply(c, placements);
        devices.applyReaderStatuses(c, batch.readerStatuses());
        devices.applyHealth(c, batch.health(), batch.receivedAt());
        deadLetters.insert(c, batch.deadLetters());
        c.commit();
        return new StoredBatch(batch, fresh, batch.movements().size() - fresh.size());
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    }
  }
}
