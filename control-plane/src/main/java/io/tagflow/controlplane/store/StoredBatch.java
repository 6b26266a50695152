package io.tagflow.controlplane.store;

import java.util.List;
import io.tagflow.protocol.event.MovementEvent;

/**
 * What a committed {@link EventBatch} changed.
 *
 * @param batch the batch as it was stored
 * @param newMovements the batch's movements that were not stored before, in batch order
 * @param duplicateMovements movements skipped because their id was already stored (or repeated)
 */
public record StoredBatch(EventBatch batch, List<MovementEvent> newMovements, int duplicateMovements) {
  public StoredBatch {
    newMovements = List.copyOf(newMovements);
  }
}
