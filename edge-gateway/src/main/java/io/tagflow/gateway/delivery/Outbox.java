package io.tagflow.gateway.delivery;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The gateway's durable store of events that are not yet acknowledged by the MQTT broker.
 *
 * <p>Failure contract (what callers may rely on):
 * <ul>
 *   <li>{@link #append} and {@link #appendAll} are durable when they return: the entry is written and fsynced and survives a
 *       crash or {@code kill -9} of the process. If it throws, the entry is not stored and nothing else
 *       was changed; when the disk quota is reached it throws {@link OutboxFullException} (backpressure:
 *       the caller decides what to do; the outbox never drops an entry on its own). Only a durable entry
 *       may be counted as emitted.</li>
 *   <li>An entry may be handed out by {@link #read} as soon as it is written, before its fsync, so that
 *       publishing overlaps the fsync. Such an entry is removed only when it is both acknowledged and
 *       durable: a {@link #markDelivered} that arrives first is held until the fsync. If the fsync then
 *       fails, the entry is not stored (its append throws) although the broker may have it already: it
 *       was never counted emitted, so this is at most one extra, never a loss. Its sequence number is not
 *       given to any later entry, so a late acknowledgement can never remove another entry.</li>
 *   <li>Entries are handed out by {@link #read} in append order, and after a restart every entry not yet
 *       marked delivered is handed out again, in the same order.</li>
 *   <li>{@link #markDelivered} is called only after the broker's PUBACK (MQTT 5 §4.3.2) and is idempotent:
 *       a second call, or a call for an unknown or already removed sequence, does nothing.</li>
 *   <li>Delivery is therefore at least once: an entry whose PUBACK was lost, or whose delivery mark was
 *       not yet on disk at a crash, is published again. Consumers deduplicate by the event's id.</li>
 * </ul>
 * Implementations are safe for concurrent use by appenders, one reader and acknowledgement callbacks.
 */
public interface Outbox extends Closeable {

  /**
   * Stores {@code message} durably and returns its sequence number (positive, increasing by one per
   * stored entry).
   *
   * @throws OutboxFullException when storing it would exceed the disk quota; the entry is not stored
   * @throws IOException when the disk fails; the entry is not stored
   * @throws IllegalArgumentException when the message is larger than one record may be
   */
  default long append(OutboxMessage message) throws IOException {
    return appendAll(List.of(message)).get(0);
  }

  /**
   * Stores {@code messages} durably, in order, all or none, and returns their sequence numbers. One
   * fsync covers the whole batch (group commit), so it costs about as much as one {@link #append}.
   *
   * @throws OutboxFullException when storing them all would exceed the disk quota; none is stored
   * @throws IOException when the disk fails; none is stored
   * @throws IllegalArgumentException when a message is larger than one record may be; none is stored
   */
  default List<Long> appendAll(List<OutboxMessage> messages) throws IOException {
    List<Long> sequences = write(messages);
    if (!sequences.isEmpty()) {
      sync(sequences.get(0), sequences.get(sequences.size() - 1) + 1);
    }
    return sequences;
  }

  /**
   * The first half of {@link #appendAll}: writes {@code messages}, in order, all or none, and returns their
   * sequence numbers. They are readable at once but not durable until {@link #sync} covers them; a
   * writer can thus go on writing while an earlier batch is fsynced. Throws as {@link #appendAll} does.
   */
  List<Long> write(List<OutboxMessage> messages) throws IOException;

  /**
   * The second half of {@link #appendAll}: returns once the entries {@code first} (inclusive) to
   * {@code end} (exclusive), written earlier, are durable. One fsync covers everything written before
   * it started, so a call for entries an earlier call already covered returns at once.
   *
   * @throws IOException when the fsync failed; then every entry not yet durable, these included, is
   *     taken back out and not stored (see the class comment), and later calls for them throw too
   */
  void sync(long first, long end) throws IOException;

  /**
   * Up to {@code max} written entries not yet marked delivered, with sequence {@code >= fromSequence},
   * in append order; the newest may not be durable yet (see the class comment). Returns an empty list
   * when there are none.
   */
  List<OutboxEntry> read(long fromSequence, int max) throws IOException;

  /**
   * Records that the broker acknowledged the entry {@code sequence}; it is removed once it is also
   * durable. Idempotent; a sequence the outbox does not hold is ignored.
   */
  void markDelivered(long sequence) throws IOException;

  /** The lowest sequence not yet marked delivered, or the next sequence to be appended when none is pending. */
  long firstPendingSequence();

  /** Current depth, disk use and age, for metrics and the health endpoint. */
  OutboxStats stats();
}
