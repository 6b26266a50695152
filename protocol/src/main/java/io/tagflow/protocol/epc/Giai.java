package io.tagflow.protocol.epc;

/**
 * A Global Individual Asset Identifier as carried by GIAI-96 (TDS §6.3.5, §14.5.5): the individual
 * asset reference is an integer, written without leading zeros.
 *
 * @param filter 0..7
 * @param companyPrefix 6..12 digits
 * @param assetReference the individual asset reference
 */
public record Giai(int filter, String companyPrefix, long assetReference) implements EpcIdentity {
  public Giai {
    Gs1.requireFilter(filter);
    Gs1.requireDigits("companyPrefix", companyPrefix, 6, 12);
  }

  @Override
  public EpcScheme scheme() {
    return EpcScheme.GIAI_96;
  }

  @Override
  public String uri() {
    return "urn:epc:id:giai:" + companyPrefix + '.' + assetReference;
  }
}
