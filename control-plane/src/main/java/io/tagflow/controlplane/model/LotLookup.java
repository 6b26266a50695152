package io.tagflow.controlplane.model;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Finds a lot by id. May block; thread-safe; never called on an event loop. */
@FunctionalInterface
public interface LotLookup {
  Optional<Lot> find(String lotId);

  /**
   * The lots among {@code lotIds} that exist, by id: one look-up for many (say those of a batch of
   * movements). Default: {@link #find} for each; a store overrides it with one query.
   */
  default Map<String, Lot> findAll(Collection<String> lotIds) {
    Map<String, Lot> found = new HashMap<>();
    lotIds.forEach(id -> find(id).ifPresent(lot -> found.put(id, lot)));
    return found;
  }
}
