package io.tagflow.protocol.epc;

/**
 * A decoded EPC: one record per scheme, or {@link RawEpc} when the bits are not a valid 96-bit
 * encoding of a scheme handled here.
 */
public sealed interface EpcIdentity permits Sgtin, Sscc, Sgln, Grai, Giai, Gid, RawEpc {

  /** The scheme, or null for {@link RawEpc}. */
  EpcScheme scheme();

  /** The pure-identity URI (TDS §6), or the raw URI (TDS §12.1) for {@link RawEpc}. */
  String uri();

  /**
   * The GS1 Company Prefix with its leading zeros (the General Manager Number for GID), or the empty
   * string for {@link RawEpc}.
   */
  String companyPrefix();

  /** The 3-bit filter value (TDS §10), or -1 where the encoding has none (GID, raw). */
  int filter();
}
