package io.tagflow.controlplane.store;

/** A movement that carried {@code lotTags} tags of the traced lot. */
public record LotMovement(MovementSummary movement, int lotTags) {
}
