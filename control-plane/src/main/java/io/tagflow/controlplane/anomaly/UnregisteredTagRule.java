package io.tagflow.controlplane.anomaly;

import io.tagflow.controlplane.model.TagLookup;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.TagObservation;
import java.util.List;

/**
 * Raises one {@link AnomalyType#UNREGISTERED_TAG} per movement that carries tags the registry does not
 * know: a warning when they come in (unlabelled goods, a foreign pallet), critical when they leave (the
 * site cannot say what left). Keyed by movement id, so a replayed movement raises nothing new.
 */
public final class UnregisteredTagRule {
  private final TagLookup registry;

  public UnregisteredTagRule(TagLookup registry) {
    this.registry = registry;
  }

  /** The anomaly for this movement's unregistered tags, or an empty list when all are registered. May block. */
  public List<Anomaly> check(MovementEvent m) {
    List<String> unknown = m.tags().stream().map(TagObservation::epc)
        .filter(epc -> registry.lotOf(epc).isEmpty()).toList();
    if (unknown.isEmpty()) {
      return List.of();
    }
    boolean out = m.direction() == Direction.OUT;
    return List.of(Anomaly.builder(AnomalyType.UNREGISTERED_TAG, m.site(), m.endedAt())
        .key(m.movementId().toString())
        .severity(out ? Severity.CRITICAL : Severity.WARNING)
        .door(m.door())
        .epcs(unknown)
        .detail(unknown.size() + " unregistered tag(s) " + (out ? "left" : "entered") + " through door " + m.door())
        .build());
  }
}
