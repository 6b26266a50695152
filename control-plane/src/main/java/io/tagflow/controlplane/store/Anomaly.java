package io.tagflow.controlplane.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Something a rule flagged: a movement of a recalled lot, a shipment without authorisation, an
 * overfull bin...
 *
 * @param anomalyId the id; a rule that may fire twice for the same cause should derive it from the
 *     cause (e.g. a name-based UUID of rule and movement id) so that storing it again is a no-op
 * @param type the rule's name, e.g. {@code RECALLED_LOT_MOVED}
 * @param doorId null unless the anomaly is about a door
 * @param binId null unless the anomaly is about a bin
 * @param lotId null unless the anomaly is about a lot
 * @param epcs the tags involved (may be empty)
 * @param detail a human-readable explanation, or null
 * @param at when the cause happened
 * @param changedBy who last changed the status, null while OPEN
 * @param changedAt when the status last changed, null while OPEN
 */
public record Anomaly(UUID anomalyId, String type, AnomalySeverity severity, String siteId, String doorId,
                      String binId, String lotId, List<String> epcs, String detail, Instant at, AnomalyStatus status,
                      String changedBy, Instant changedAt) {
  public Anomaly {
    if (anomalyId == null || type == null || severity == null || siteId == null || at == null || status == null) {
      throw new IllegalArgumentException("anomalyId, type, severity, siteId, at and status are required");
    }
    epcs = List.copyOf(epcs);
  }

  /** A new OPEN anomaly. */
  public static Anomaly open(UUID anomalyId, String type, AnomalySeverity severity, String siteId, String doorId,
                             String binId, String lotId, List<String> epcs, String detail, Instant at) {
    return new Anomaly(anomalyId, type, severity, siteId, doorId, binId, lotId, epcs, detail, at, AnomalyStatus.OPEN,
        null, null);
  }
}
