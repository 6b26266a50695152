package io.tagflow.sim.scenario;

import java.time.LocalDate;

/**
 * A production lot of one trade item. Its cases carry SGTIN-96 tags whose serials count up from
 * {@code firstSerial} in the order the scenario creates them.
 *
 * @param id lot id (GS1 AI 10)
 * @param gtin GTIN-14 with a valid check digit
 * @param companyPrefix the GS1 company prefix inside the GTIN, 6..12 digits
 * @param expiry expiry date (GS1 AI 17), may be absent
 * @param firstSerial the first SGTIN serial given to its cases
 */
public record Lot(String id, String gtin, String companyPrefix, LocalDate expiry, Long firstSerial) {
  public Lot {
    firstSerial = firstSerial == null ? 1L : firstSerial;
  }
}
