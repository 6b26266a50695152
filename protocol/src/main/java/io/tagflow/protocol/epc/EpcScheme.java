package io.tagflow.protocol.epc;

/**
 * The 96-bit EPC binary encodings this package decodes, with their 8-bit header values (TDS §14.2,
 * "EPC Binary Headers" table) and the scheme name used in pure-identity URIs (TDS §6.3).
 */
public enum EpcScheme {
  SGTIN_96(0x30, "sgtin"),
  SSCC_96(0x31, "sscc"),
  SGLN_96(0x32, "sgln"),
  GRAI_96(0x33, "grai"),
  GIAI_96(0x34, "giai"),
  GID_96(0x35, "gid");

  private static final EpcScheme[] BY_HEADER = new EpcScheme[256];

  static {
    for (EpcScheme scheme : values()) {
      BY_HEADER[scheme.code] = scheme;
    }
  }

  private final int code;
  private final String uriName;

  EpcScheme(int code, String uriName) {
    this.code = code;
    this.uriName = uriName;
  }

  /** The 8-bit header value that starts the binary encoding. */
  public int code() {
    return code;
  }

  /** The scheme's name in {@code urn:epc:id:<name>:...}. */
  public String uriName() {
    return uriName;
  }

  /**
   * The scheme for a header value, or null when the header is not one of the six 96-bit schemes
   * handled here (the EPC is then passed on as {@link RawEpc}). Does not allocate.
   */
  public static EpcScheme fromCode(int header) {
    return header >= 0 && header < 256 ? BY_HEADER[header] : null;
  }
}
