package io.tagflow.protocol.epc;

/**
 * A Global Returnable Asset Identifier as carried by GRAI-96 (TDS §6.3.4, §14.5.4), e.g. a reusable
 * pallet or crate.
 *
 * @param filter 0..7
 * @param companyPrefix 6..12 digits
 * @param assetType 12 minus the prefix length digits (empty for a 12-digit prefix)
 * @param serial the numeric serial, 0..2^38-1
 */
public record Grai(int filter, String companyPrefix, String assetType, long serial)
    implements EpcIdentity {
  public Grai {
    Gs1.requireFilter(filter);
    Gs1.requireDigits("companyPrefix", companyPrefix, 6, 12);
    Gs1.requireDigits("assetType", assetType, 12 - companyPrefix.length(),
        12 - companyPrefix.length());
  }

  @Override
  public EpcScheme scheme() {
    return EpcScheme.GRAI_96;
  }

  @Override
  public String uri() {
    return "urn:epc:id:grai:" + companyPrefix + '.' + assetType + '.' + serial;
  }
}
