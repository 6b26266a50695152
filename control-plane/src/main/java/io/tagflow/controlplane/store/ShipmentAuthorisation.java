package io.tagflow.controlplane.store;

import java.time.Instant;
import java.util.UUID;

/**
 * Permission to ship up to {@code quantity} tagged items of a lot through a door in [validFrom, validTo).
 *
 * @param open false once closed (shipped or cancelled)
 */
public record ShipmentAuthorisation(UUID authorisationId, String siteId, String doorId, String lotId, int quantity,
                                    Instant validFrom, Instant validTo, boolean open) {
  public ShipmentAuthorisation {
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be positive");
    }
    if (!validTo.isAfter(validFrom)) {
      throw new IllegalArgumentException("validTo must be after validFrom");
    }
  }
}
