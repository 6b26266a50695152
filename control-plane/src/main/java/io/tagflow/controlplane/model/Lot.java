package io.tagflow.controlplane.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A production lot (batch) of a product.
 *
 * @param id lot id, unique across sites
 * @param gtin the product's GTIN-14 (14 digits)
 * @param description nullable
 * @param expiresOn last day the lot may ship, nullable (never expires)
 * @param status the lot's status
 * @param statusReason why the status was last set, nullable
 * @param updatedBy who last changed the lot
 * @param updatedAt when
 */
public record Lot(String id, String gtin, String description, LocalDate expiresOn, LotStatus status,
    String statusReason, String updatedBy, Instant updatedAt) {
  public Lot {
    Ids.require("lot id", id);
    if (gtin == null || !gtin.matches("\\d{14}")) {
      throw new IllegalArgumentException("gtin must be 14 digits (got " + (gtin == null ? "nothing" : "'" + Ids.abbreviate(gtin) + "'") + ")");
    }
    if (description != null && description.length() > 500) {
      throw new IllegalArgumentException("description must be at most 500 characters");
    }
    if (status == null || updatedBy == null || updatedAt == null) {
      throw new IllegalArgumentException("status, updatedBy and updatedAt are required");
    }
  }

  /** True when the lot is past its expiry day at {@code now} (days are UTC). */
  public boolean expiredAt(Instant now) {
    return expiresOn != null && LocalDate.ofInstant(now, ZoneOffset.UTC).isAfter(expiresOn);
  }

  /** True when the lot must not leave the site at {@code now}: not active, or expired. */
  public boolean blocksExitAt(Instant now) {
    return status != LotStatus.ACTIVE || expiredAt(now);
  }

  /** This lot with a new status, recording who changed it and when. */
  public Lot withStatus(LotStatus newStatus, String reason, String by, Instant at) {
    return new Lot(id, gtin, description, expiresOn, newStatus, reason, by, at);
  }
}
