package io.tagflow.gateway.ops;

import java.util.Map;

/**
 * What {@code /health} answers, as JSON.
 *
 * @param healthy true when the broker is connected, every reader runs its ROSpec and the outbox is
 *     not full; {@code /health} then answers 200, otherwise 503
 * @param brokerConnected whether the MQTT connection is up
 * @param readers each reader's session state (RUNNING when inventory runs)
 * @param outboxDepth events not yet acknowledged by the broker
 * @param outboxOldestAgeSeconds age of the oldest of them, 0 when none
 * @param outboxDiskBytes disk used by the outbox
 * @param outboxQuotaBytes the outbox's quota
 * @param outboxLevel NORMAL, WARNING (80% of quota) or FULL
 */
public record HealthReport(boolean healthy, boolean brokerConnected, Map<String, String> readers, long outboxDepth,
                           double outboxOldestAgeSeconds, long outboxDiskBytes, long outboxQuotaBytes,
                           String outboxLevel) {
  public HealthReport {
    readers = Map.copyOf(readers);
  }
}
