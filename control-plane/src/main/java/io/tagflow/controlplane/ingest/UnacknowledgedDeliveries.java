package io.tagflow.controlplane.ingest;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Which delivery each unacknowledged QoS 1 packet identifier currently stands for.
 *
 * <p>After a reconnect the broker sends unacknowledged messages again with the same packet
 * identifiers (MQTT 5 §4.4), and once an identifier is acknowledged it may reuse it for a new message
 * (§2.2.1). So the first delivery of a message may still be waiting in a batch when its second
 * delivery arrives; acknowledging both would, the second time, release whatever new message then
 * holds the identifier before that message is stored. Only the latest delivery of an identifier is
 * acknowledged; an earlier one is skipped, because its later copy is acknowledged when its own batch
 * commits.
 *
 * <p>Thread-safe: the MQTT callback thread records deliveries, the ingest thread releases them.
 */
final class UnacknowledgedDeliveries {
  private final ConcurrentHashMap<Integer, InboundMessage> latest = new ConcurrentHashMap<>();

  /** Records that {@code message} arrived; it supersedes any earlier delivery with its identifier. */
  void delivered(InboundMessage message) {
    latest.put(message.messageId(), message);
  }

  /**
   * Forgets {@code message} if it is still the latest delivery of its identifier.
   *
   * @return true when the caller should acknowledge it; false when a later delivery superseded it
   */
  boolean release(InboundMessage message) {
    boolean[] owner = {false};
    latest.computeIfPresent(message.messageId(), (id, current) -> {
      if (current == message) {
        owner[0] = true;
        return null;
      }
      return current;
    });
    return owner[0];
  }

  /** How many deliveries wait for acknowledgement. */
  int size() {
    return latest.size();
  }
}
