package io.tagflow.controlplane.store;

import io.tagflow.protocol.event.GatewayHealthEvent;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.ReaderStatusEvent;
import java.time.Instant;
import java.util.List;

/** Decoded events and dead letters that ingest stores together, in one transaction. */
public record EventBatch(Instant receivedAt, List<MovementEvent> movements, List<LocationEvent> locations,
                         List<ReaderStatusEvent> readerStatuses, List<GatewayHealthEvent> health,
                         List<DeadLetter> deadLetters) {
  public EventBatch {
    movements = List.copyOf(movements);
    locations = List.copyOf(locations);
    readerStatuses = List.copyOf(readerStatuses);
    health = List.copyOf(health);
    deadLetters = List.copyOf(deadLetters);
  }

  /** How many events and dead letters the batch holds. */
  public int size() {
    return movements.size() + locations.size() + readerStatuses.size() + health.size() + deadLetters.size();
  }
}
