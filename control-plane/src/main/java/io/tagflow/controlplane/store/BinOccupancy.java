package io.tagflow.controlplane.store;

/** How many tags of one lot are in one bin; {@code lotId} is null for tags missing from the registry. */
public record BinOccupancy(String binId, String lotId, int tags) {
}
