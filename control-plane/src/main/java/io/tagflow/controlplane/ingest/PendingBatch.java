package io.tagflow.controlplane.ingest;

import io.tagflow.controlplane.store.EventBatch;
import java.util.List;

/**
 * A closed batch: what to store, and the messages to acknowledge once it is stored (every message
 * that went into it, including those that became dead letters or were skipped), in arrival order.
 */
public record PendingBatch(EventBatch batch, List<InboundMessage> messages) {
  public PendingBatch {
    messages = List.copyOf(messages);
  }
}
