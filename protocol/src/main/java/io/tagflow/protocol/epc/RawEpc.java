package io.tagflow.protocol.epc;

/**
 * Bits that are not a valid encoding of a scheme handled here: an unknown header, a reserved
 * partition value (7), a field out of its decimal range, or SSCC-96 reserved bits that are not zero.
 * They are passed through unchanged so nothing read is lost; {@link #uri()} is the raw-hex EPC Tag
 * URI of TDS §12.1 ({@code urn:epc:raw:96.x<24 hex digits>}).
 *
 * @param epc the bits as read
 */
public record RawEpc(Epc96 epc) implements EpcIdentity {
  @Override
  public EpcScheme scheme() {
    return null;
  }

  @Override
  public String uri() {
    return "urn:epc:raw:96.x" + epc.toHex();
  }

  @Override
  public String companyPrefix() {
    return "";
  }

  @Override
  public int filter() {
    return -1;
  }
}
