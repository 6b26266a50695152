package io.tagflow.controlplane.repository;

import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotLookup;
import io.tagflow.controlplane.model.LotStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Lots by id. {@link #find} is also the anomaly rules' {@link LotLookup}. */
public interface LotRepository extends LotLookup {
  /** Stores a new lot. Returns false, and changes nothing, when a lot with that id exists. */
  boolean create(Lot lot);

  /** Replaces the lot with {@code lot.id()}. Returns the stored lot, or empty when there is no such lot. */
  Optional<Lot> update(Lot lot);

  /** Lots whose status is one of {@code statuses}, ordered by id, at most {@code limit}. */
  List<Lot> withStatus(Set<LotStatus> statuses, int limit);
}
