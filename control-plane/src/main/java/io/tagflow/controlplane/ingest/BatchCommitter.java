package io.tagflow.controlplane.ingest;

import io.tagflow.controlplane.store.EventStore;
import io.tagflow.controlplane.store.StoredBatch;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a closed batch: stores it, then acknowledges its messages, then tells the listeners. The
 * order is the at-least-once guarantee: no message is acknowledged before the transaction holding it
 * committed, so a crash or a database failure at any point leaves the message with the broker.
 *
 * <p>Not thread-safe: one ingest thread owns it.
 */
public final class BatchCommitter {
  private static final Logger log = LoggerFactory.getLogger(BatchCommitter.class);

  private final EventStore store;
  private final Acknowledger acknowledger;
  private final List<IngestListener> listeners;
  private final IngestMetrics metrics;

  public BatchCommitter(EventStore store, Acknowledger acknowledger, List<IngestListener> listeners,
                        IngestMetrics metrics) {
    this.store = store;
    this.acknowledger = acknowledger;
    this.listeners = List.copyOf(listeners);
    this.metrics = metrics;
  }

  /**
   * One attempt to commit {@code pending}.
   *
   * @return true when the batch is stored and its messages were acknowledged; false when the store
   *     failed: nothing was stored or acknowledged, and the caller retries the same batch later
   */
  public boolean commit(PendingBatch pending) {
    StoredBatch stored;
    try {
      stored = metrics.commitTimer().recordCallable(() -> store.store(pending.batch()));
    } catch (Exception e) {
      metrics.commitFailure();
      log.warn("Storing a batch of {} messages failed, will retry; nothing acknowledged: {}",
          pending.messages().size(), e.toString());
      return false;
    }
    metrics.duplicates(stored.duplicateMovements());
    metrics.storedMovements(stored.newMovements().size());
    for (InboundMessage message : pending.messages()) {
      try {
        acknowledger.acknowledge(message);
      } catch (Exception e) {
        // Stored but not acknowledged: the broker redelivers after a reconnect; the store ignores the repeat.
        metrics.ackFailure();
        log.warn("Acknowledging message {} on {} failed: {}", message.messageId(), message.topic(), e.toString());
      }
    }
    for (IngestListener listener : listeners) {
      try {
        listener.onStored(stored);
      } catch (RuntimeException e) {
        log.error("Ingest listener {} failed on a stored batch", listener, e);
      }
    }
    return true;
  }
}
