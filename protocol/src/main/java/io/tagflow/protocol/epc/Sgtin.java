package io.tagflow.protocol.epc;

/**
 * A Serialised Global Trade Item Number as carried by SGTIN-96 (TDS §6.3.1, §14.5.1): the serial is
 * an integer of at most 38 bits.
 *
 * @param filter 0..7 (TDS §10.1: 1 = point of sale item, 2 = full case, ...)
 * @param companyPrefix 6..12 digits
 * @param itemReference the indicator digit followed by the item reference, 13 minus the prefix
 *     length digits
 * @param serial 0..2^38-1
 */
public record Sgtin(int filter, String companyPrefix, String itemReference, long serial)
    implements EpcIdentity {
  public Sgtin {
    Gs1.requireFilter(filter);
    Gs1.requireDigits("companyPrefix", companyPrefix, 6, 12);
    Gs1.requireDigits("itemReference", itemReference, 13 - companyPrefix.length(),
        13 - companyPrefix.length());
    if (serial < 0 || serial >= 1L << 38) {
      throw new IllegalArgumentException("serial must be 0..2^38-1 for SGTIN-96, got " + serial);
    }
  }

  @Override
  public EpcScheme scheme() {
    return EpcScheme.SGTIN_96;
  }

  @Override
  public String uri() {
    return "urn:epc:id:sgtin:" + companyPrefix + '.' + itemReference + '.' + serial;
  }

  /** The EPC Tag URI (TDS §12.3), which adds the scheme and filter to the pure identity. */
  public String tagUri() {
    return "urn:epc:tag:sgtin-96:" + filter + '.' + companyPrefix + '.' + itemReference + '.' + serial;
  }

  /**
   * The GTIN-14 (TDS §7.1.2): indicator digit, company prefix, rest of the item reference, check
   * digit.
   */
  public String gtin() {
    String body = itemReference.charAt(0) + companyPrefix + itemReference.substring(1);
    return body + Gs1.checkDigit(body);
  }
}
