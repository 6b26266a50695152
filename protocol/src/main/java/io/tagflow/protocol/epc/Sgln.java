package io.tagflow.protocol.epc;

/**
 * A Global Location Number with extension as carried by SGLN-96 (TDS §6.3.3, §14.5.3).
 *
 * @param filter 0..7
 * @param companyPrefix 6..12 digits
 * @param locationReference 12 minus the prefix length digits (empty for a 12-digit prefix)
 * @param extension the numeric GLN extension, 0..2^41-1
 */
public record Sgln(int filter, String companyPrefix, String locationReference, long extension)
    implements EpcIdentity {
  public Sgln {
    Gs1.requireFilter(filter);
    Gs1.requireDigits("companyPrefix", companyPrefix, 6, 12);
    Gs1.requireDigits("locationReference", locationReference, 12 - companyPrefix.length(),
        12 - companyPrefix.length());
  }

  @Override
  public EpcScheme scheme() {
    return EpcScheme.SGLN_96;
  }

  @Override
  public String uri() {
    return "urn:epc:id:sgln:" + companyPrefix + '.' + locationReference + '.' + extension;
  }

  /** The 13-digit GLN with its check digit (TDS §7.3). */
  public String gln() {
    String body = companyPrefix + locationReference;
    return body + Gs1.checkDigit(body);
  }
}
