package io.tagflow.controlplane.model;

import java.time.Instant;

/**
 * Permission for a quantity of one lot to leave a site through one door.
 *
 * @param id authorisation id
 * @param site site id
 * @param door door id
 * @param lotId the lot that may leave
 * @param quantity how many tagged units may leave in all (over any number of movements)
 * @param shipped how many have left against it so far, 0 to {@code quantity}
 * @param validUntil after this instant the authorisation no longer covers anything, nullable (no end)
 * @param open false once closed
 * @param createdBy who created it
 * @param createdAt when
 */
public record ShipmentAuthorisation(String id, String site, String door, String lotId, int quantity, int shipped,
    Instant validUntil, boolean open, String createdBy, Instant createdAt) {
  public ShipmentAuthorisation {
    Ids.require("id", id);
    Ids.require("site", site);
    Ids.require("door", door);
    Ids.require("lot", lotId);
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive (got " + quantity + ")");
    }
    if (shipped < 0 || shipped > quantity) {
      throw new IllegalArgumentException("shipped must be 0 to quantity " + quantity + " (got " + shipped + ")");
    }
    if (createdBy == null || createdAt == null) {
      throw new IllegalArgumentException("createdBy and createdAt are required");
    }
  }

  /** True when this authorisation lets {@code lot} out through {@code door} at {@code at}. */
  public boolean covers(String doorId, String lot, Instant at) {
    return open && door.equals(doorId) && lotId.equals(lot) && (validUntil == null || !at.isAfter(validUntil));
  }

  /** Units that may still leave against it. */
  public int remaining() {
    return quantity - shipped;
  }

  /** This authorisation, closed. */
  public ShipmentAuthorisation closed() {
    return new ShipmentAuthorisation(id, site, door, lotId, quantity, shipped, validUntil, false, createdBy, createdAt);
  }

  /** This authorisation with {@code units} more shipped against it. */
  public ShipmentAuthorisation withShipped(int units) {
    return new ShipmentAuthorisation(id, site, door, lotId, quantity, shipped + units, validUntil, open, createdBy,
        createdAt);
  }
}
