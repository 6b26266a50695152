package io.tagflow.controlplane.model;

import java.util.Optional;

/** Finds a lot by id. May block; thread-safe; never called on an event loop. */
@FunctionalInterface
public interface LotLookup {
  Optional<Lot> find(String lotId);
}
