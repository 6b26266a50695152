package io.tagflow.controlplane.repository;

import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotLookup;
import java.util.Optional;

/** Lots by id. {@link #find} is also the anomaly rules' {@link LotLookup}. */
public interface LotRepository extends LotLookup {
  /** Stores a new lot. Returns false, and changes nothing, when a lot with that id exists. */
  boolean create(Lot lot);

  /** Replaces the lot with {@code lot.id()}. Returns the stored lot, or empty when there is no such lot. */
  Optional<Lot> update(Lot lot);
}
