package io.tagflow.protocol.epc;

/**
 * A Serial Shipping Container Code, the identity of a pallet or other logistic unit (TDS §6.3.2,
 * §14.5.2).
 *
 * @param filter 0..7 (TDS §10.2)
 * @param companyPrefix 6..12 digits
 * @param serialReference the extension digit followed by the serial reference, 17 minus the prefix
 *     length digits
 */
public record Sscc(int filter, String companyPrefix, String serialReference) implements EpcIdentity {
  public Sscc {
    Gs1.requireFilter(filter);
    Gs1.requireDigits("companyPrefix", companyPrefix, 6, 12);
    Gs1.requireDigits("serialReference", serialReference, 17 - companyPrefix.length(),
        17 - companyPrefix.length());
  }

  @Override
  public EpcScheme scheme() {
    return EpcScheme.SSCC_96;
  }

  @Override
  public String uri() {
    return "urn:epc:id:sscc:" + companyPrefix + '.' + serialReference;
  }

  /** The EPC Tag URI (TDS §12.3). */
  public String tagUri() {
    return "urn:epc:tag:sscc-96:" + filter + '.' + companyPrefix + '.' + serialReference;
  }

  /** The 18-digit SSCC (TDS §7.2): extension digit, company prefix, serial reference, check digit. */
  public String sscc() {
    String body = serialReference.charAt(0) + companyPrefix + serialReference.substring(1);
    return body + Gs1.checkDigit(body);
  }
}
