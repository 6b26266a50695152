package io.tagflow.controlplane.store;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a tag is now: in a bin, or at the door of its last movement (exactly one of {@code binId} and
 * {@code doorId} is non-null).
 *
 * @param at the time of the event that put it there
 * @param eventId the movement id or location event id that put it there
 */
public record TagLocation(String epc, String siteId, String binId, String doorId, Instant at, UUID eventId) {
  public TagLocation {
    if ((binId == null) == (doorId == null)) {
      throw new IllegalArgumentException("exactly one of binId and doorId must be set");
    }
  }
}
