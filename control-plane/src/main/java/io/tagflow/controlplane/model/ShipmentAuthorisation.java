package io.tagflow.controlplane.model;

import java.time.Instant;

/**
 * Permission for a quantity of one lot to leave a site through one door.
 *
 * @param id authorisation id
 * @param site site id
 * @param door door id
 * @param lotId the lot that may leave
 * @param quantity how many tagged units may leave in one movement
 * @param validUntil after this instant the authorisation no longer covers anything, nullable (no end)
 * @param open false once closed
 * @param createdBy who created it
 * @param createdAt when
 */
public record ShipmentAuthorisation(String id, String site, String door, String lotId, int quantity,
    Instant validUntil, boolean open, String createdBy, Instant createdAt) {
  public ShipmentAuthorisation {
    Ids.require("id", id);
    Ids.require("site", site);
    Ids.require("door", door);
    Ids.require("lot", lotId);
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive (got " + quantity + ")");
    }
    if (createdBy == null || createdAt == null) {
      throw new IllegalArgumentException("createdBy and createdAt are required");
    }
  }

  /** True when this authorisation lets {@code lot} out through {@code door} at {@code at}. */
  public boolean covers(String doorId, String lot, Instant at) {
    return open && door.equals(doorId) && lotId.equals(lot) && (validUntil == null || !at.isAfter(validUntil));
  }

  /** This authorisation, closed. */
  public ShipmentAuthorisation closed() {
    return new ShipmentAuthorisation(id, site, door, lotId, quantity, validUntil, false, createdBy, createdAt);
  }
}
