package io.tagflow.protocol.epc;

/**
 * A General Identifier (TDS §6.3.8, §14.5.8): three integers with no GS1 key behind them.
 *
 * @param generalManager 28 bits
 * @param objectClass 24 bits
 * @param serial 36 bits
 */
public record Gid(long generalManager, long objectClass, long serial) implements EpcIdentity {
  @Override
  public EpcScheme scheme() {
    return EpcScheme.GID_96;
  }

  @Override
  public String uri() {
    return "urn:epc:id:gid:" + generalManager + '.' + objectClass + '.' + serial;
  }

  @Override
  public String companyPrefix() {
    return Long.toString(generalManager);
  }

  @Override
  public int filter() {
    return -1;
  }
}
