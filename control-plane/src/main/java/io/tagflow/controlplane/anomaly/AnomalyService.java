package io.tagflow.controlplane.anomaly;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagflow.controlplane.repository.AnomalyRepository;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where rules' anomalies go: stored once (a replayed event raises the same id and is not stored or
 * counted again), counted per type, and handed to a listener (the live feed). Status changes by people
 * go through here too, forward only (open, acknowledged, resolved).
 *
 * <p>Every method may block on the repository; call it on a worker thread. Thread-safe.
 */
public final class AnomalyService {
  /** Micrometer name of the counter of raised anomalies, tagged {@code type}. */
  public static final String RAISED_METRIC = "tagflow.anomalies.raised";

  private final AnomalyRepository repository;
  private final Clock clock;
  private final Consumer<Anomaly> listener;
  private final Map<AnomalyType, Counter> raised = new EnumMap<>(AnomalyType.class);

  /**
   * @param listener told of every newly raised anomaly and every status change, after it is stored; it
   *     must not block
   */
  public AnomalyService(AnomalyRepository repository, Clock clock, MeterRegistry metrics, Consumer<Anomaly> listener) {
    this.repository = repository;
    this.clock = clock;
    this.listener = listener;
    for (AnomalyType t : AnomalyType.values()) {
      raised.put(t, Counter.builder(RAISED_METRIC).description("Anomalies raised, by type")
          .tag("type", t.wire()).register(metrics));
    }
  }

  /** Stores and announces an anomaly unless it was raised before. Returns true when it was new. */
  public boolean raise(Anomaly anomaly) {
    return !raiseAll(List.of(anomaly)).isEmpty();
  }

  /**
   * {@link #raise} for several anomalies, stored together ({@link AnomalyRepository#insertAll}).
   *
   * @return the ones that were new, in input order
   */
  public List<Anomaly> raiseAll(List<Anomaly> anomalies) {
    List<Anomaly> stored = repository.insertAll(anomalies);
    for (Anomaly a : stored) {
      raised.get(a.type()).increment();
      listener.accept(a);
    }
    return stored;
  }

  /** What {@link #changeStatus} did. */
  public enum Outcome { CHANGED, NOT_FOUND, NOT_ALLOWED }

  /** The outcome and the anomaly as it now stands (empty when not found). */
  public record Transition(Outcome outcome, Optional<Anomaly> anomaly) {
  }

  /**
   * Moves an anomaly forward to {@code next}, recording who and when (now, from the clock).
   * Moving to the status it already has, or backwards, is {@link Outcome#NOT_ALLOWED}.
   */
  public Transition changeStatus(String id, AnomalyStatus next, String by) {
    Optional<Anomaly> current = repository.findAnomaly(id);
    if (current.isEmpty()) {
      return new Transition(Outcome.NOT_FOUND, Optional.empty());
    }
    Anomaly a = current.get();
    if (!a.status().canMoveTo(next)) {
      return new Transition(Outcome.NOT_ALLOWED, current);
    }
    Anomaly changed = a.withStatus(next, by, clock.instant());
    if (!repository.updateStatus(changed, a.status())) {
      // Someone else changed it between find and update: report what is stored now.
      return new Transition(Outcome.NOT_ALLOWED, repository.findAnomaly(id));
    }
    listener.accept(changed);
    return new Transition(Outcome.CHANGED, Optional.of(changed));
  }
}
