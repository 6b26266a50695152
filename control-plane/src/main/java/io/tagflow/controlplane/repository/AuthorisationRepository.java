package io.tagflow.controlplane.repository;

import io.tagflow.controlplane.model.AuthorisationLookup;
import io.tagflow.controlplane.model.ShipmentAuthorisation;
import java.util.List;
import java.util.Optional;

/** Shipment authorisations. {@link #openFor} is the unexpected-exit rule's {@link AuthorisationLookup}. */
public interface AuthorisationRepository extends AuthorisationLookup {
  /** Stores a new authorisation (ids are fresh UUIDs, so there is no conflict to report). */
  void create(ShipmentAuthorisation authorisation);

  /** Every authorisation of a site, open and closed, newest first, at most {@code limit}. */
  List<ShipmentAuthorisation> list(String site, int limit);

  /**
   * Records {@code units} more shipped against an authorisation, atomically, only if it is open and
   * they fit in what remains. Returns false, changing nothing, otherwise.
   */
  boolean consume(String id, int units);

  /** Closes an authorisation; idempotent. Returns it as stored, or empty when there is no such id. */
  Optional<ShipmentAuthorisation> close(String id);
}
