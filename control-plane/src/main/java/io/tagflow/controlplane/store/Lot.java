package io.tagflow.controlplane.store;

import java.time.LocalDate;

/**
 * A product lot.
 *
 * @param gtin the GS1 GTIN-14 of the product
 * @param expiry the expiry date, or null
 */
public record Lot(String lotId, String gtin, LocalDate expiry, LotStatus status) {
  public Lot {
    if (gtin == null || !gtin.matches("[0-9]{14}")) {
      throw new IllegalArgumentException("gtin: expected 14 digits");
    }
    if (status == null) {
      throw new IllegalArgumentException("status: missing");
    }
  }
}
