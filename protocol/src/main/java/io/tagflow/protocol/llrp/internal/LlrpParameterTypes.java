package io.tagflow.protocol.llrp.internal;

/**
 * Parameter type codes used by the RO_ACCESS_REPORT codec, and the value length of every TV
 * parameter LLRP 1.1 defines.
 *
 * <p>LLRP has two parameter encodings. A TV parameter is one byte {@code 1ttttttt} (7-bit type)
 * followed by a value whose length is fixed by the type and is <em>not on the wire</em>: a decoder
 * that meets an unknown TV type cannot find the next parameter. A TLV parameter is 6 reserved bits,
 * a 10-bit type and a 16-bit length that counts its own 4-byte header, so an unknown TLV can be
 * skipped. The codes were checked against the LLRP Toolkit's {@code TYPENUM} constants (types 1-18)
 * and the LLRP 1.1 additions C1G2XPCW1 (19) and C1G2XPCW2 (20).
 */
public final class LlrpParameterTypes {
  public static final int TV_EPC_96 = 13;
  public static final int TLV_TAG_REPORT_DATA = 240;
  public static final int TLV_EPC_DATA = 241;
  public static final int TLV_CUSTOM = 1023;

  /** Bytes in a TLV parameter header (type and length). */
  public static final int TLV_HEADER_LENGTH = 4;
  /** Bytes before the EPC bits in EPCData: TLV header and the 16-bit EPCLengthBits. */
  public static final int EPC_DATA_HEADER_LENGTH = 6;
  /** Bytes of a whole EPC-96 parameter: type byte and 12 EPC bytes. */
  public static final int EPC_96_LENGTH = 13;

  private static final byte[] TV_VALUE_LENGTH = new byte[128];

  static {
    TV_VALUE_LENGTH[1] = 2; // AntennaID
    TV_VALUE_LENGTH[2] = 8; // FirstSeenTimestampUTC
    TV_VALUE_LENGTH[3] = 8; // FirstSeenTimestampUptime
    TV_VALUE_LENGTH[4] = 8; // LastSeenTimestampUTC
    TV_VALUE_LENGTH[5] = 8; // LastSeenTimestampUptime
    TV_VALUE_LENGTH[6] = 1; // PeakRSSI
    TV_VALUE_LENGTH[7] = 2; // ChannelIndex
    TV_VALUE_LENGTH[8] = 2; // TagSeenCount
    TV_VALUE_LENGTH[9] = 4; // ROSpecID
    TV_VALUE_LENGTH[10] = 2; // InventoryParameterSpecID
    TV_VALUE_LENGTH[11] = 2; // C1G2_CRC
    TV_VALUE_LENGTH[12] = 2; // C1G2_PC
    TV_VALUE_LENGTH[13] = 12; // EPC-96
    TV_VALUE_LENGTH[14] = 2; // SpecIndex
    TV_VALUE_LENGTH[15] = 2; // ClientRequestOpSpecResult (an OpSpecID)
    TV_VALUE_LENGTH[16] = 4; // AccessSpecID
    TV_VALUE_LENGTH[17] = 2; // OpSpecID
    TV_VALUE_LENGTH[18] = 4; // C1G2SingulationDetails (two u16)
    TV_VALUE_LENGTH[19] = 2; // C1G2XPCW1 (LLRP 1.1)
    TV_VALUE_LENGTH[20] = 2; // C1G2XPCW2 (LLRP 1.1)
  }

  private LlrpParameterTypes() {
  }

  /** Value bytes after the type byte of TV parameter {@code type} (0..127), or 0 if LLRP defines none. */
  public static int tvValueLength(int type) {
    return TV_VALUE_LENGTH[type];
  }
}
