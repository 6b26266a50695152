package io.tagflow.controlplane.repository;

import io.tagflow.controlplane.anomaly.Anomaly;
import io.tagflow.controlplane.anomaly.AnomalyStatus;
import java.util.List;
import java.util.Optional;

/** Raised anomalies and their status history's latest step. */
public interface AnomalyRepository {
  /**
   * Stores a newly raised anomaly unless one with the same id exists (a replayed event raises the same
   * id). Returns true when it was stored, false when it already existed (nothing changed).
   */
  boolean insert(Anomaly anomaly);

  /**
   * {@link #insert} for several anomalies at once, all or nothing: an implementation over a database
   * stores them in one transaction (ingest raises one per movement in an anomaly storm, and a commit
   * per anomaly would cost a disk flush each).
   *
   * @return the anomalies that were stored, in input order (those that already existed are left out)
   */
  default List<Anomaly> insertAll(List<Anomaly> anomalies) {
    return anomalies.stream().filter(this::insert).toList();
  }

  Optional<Anomaly> findAnomaly(String id);

  /**
   * A site's anomalies, newest event time first, at most {@code limit}.
   *
   * @param status nullable: any status
   */
  List<Anomaly> list(String site, AnomalyStatus status, int limit);

  /**
   * Stores a status change, but only if the stored status is still {@code expected} (compare and set),
   * so two people acknowledging at once give one winner.
   *
   * @return true when changed; false when the anomaly is missing or its status was not {@code expected}
   */
  boolean updateStatus(Anomaly changed, AnomalyStatus expected);
}
