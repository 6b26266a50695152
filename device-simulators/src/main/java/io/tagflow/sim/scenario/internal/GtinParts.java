package io.tagflow.sim.scenario.internal;

/** Splits a GTIN-14 into the SGTIN fields (TDS §7.1.2, read backwards). */
public final class GtinParts {
  private GtinParts() {
  }

  /**
   * The SGTIN item reference: the indicator digit followed by the digits between the company prefix
   * and the check digit ({@code 13 - prefix length} digits).
   */
  public static String itemReference(String gtin14, String companyPrefix) {
    return gtin14.charAt(0) + gtin14.substring(1 + companyPrefix.length(), 13);
  }
}
