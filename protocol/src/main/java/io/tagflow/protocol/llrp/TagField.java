package io.tagflow.protocol.llrp;

/**
 * The optional per-tag fields of an LLRP TagReportData parameter, each a TV-encoded parameter with
 * its wire type code and fixed value length (LLRP 1.1, TagReportData and its sub-parameters; the
 * type codes are checked against the LLRP Toolkit's {@code TYPENUM} constants).
 *
 * <p>The declaration order is the order in which LLRP 1.1 lists the fields inside TagReportData
 * (after the EPC parameter), so an encoder that walks {@link #values()} writes them in spec order.
 * The EPC itself is not a field: every tag report carries one.
 */
public enum TagField {
  RO_SPEC_ID(9, 4, false),
  SPEC_INDEX(14, 2, false),
  INVENTORY_PARAMETER_SPEC_ID(10, 2, false),
  ANTENNA_ID(1, 2, false),
  /** Signed dBm; the only signed field. */
  PEAK_RSSI(6, 1, true),
  CHANNEL_INDEX(7, 2, false),
  /** Microseconds since 1970-01-01T00:00Z. */
  FIRST_SEEN_TIMESTAMP_UTC(2, 8, false),
  /** Microseconds since the reader booted. */
  FIRST_SEEN_TIMESTAMP_UPTIME(3, 8, false),
  LAST_SEEN_TIMESTAMP_UTC(4, 8, false),
  LAST_SEEN_TIMESTAMP_UPTIME(5, 8, false),
  TAG_SEEN_COUNT(8, 2, false),
  /** Gen2 protocol-control word, part of AirProtocolTagData. */
  C1G2_PC(12, 2, false),
  /** Gen2 CRC-16 of the backscattered EPC, part of AirProtocolTagData. */
  C1G2_CRC(11, 2, false),
  ACCESS_SPEC_ID(16, 4, false);

  /** Number of fields; presence masks use bit {@code ordinal()}. */
  public static final int COUNT = values().length;

  private static final TagField[] BY_TV_TYPE = new TagField[128];

  static {
    for (TagField field : values()) {
      BY_TV_TYPE[field.tvType] = field;
    }
  }

  private final int tvType;
  private final int valueLength;
  private final boolean signed;

  TagField(int tvType, int valueLength, boolean signed) {
    this.tvType = tvType;
    this.valueLength = valueLength;
    this.signed = signed;
  }

  /** The 7-bit TV parameter type code. */
  public int tvType() {
    return tvType;
  }

  /** Bytes of the value on the wire, after the one-byte TV type. */
  public int valueLength() {
    return valueLength;
  }

  /** True when the value is a two's-complement signed integer (PeakRSSI), false when unsigned. */
  public boolean signed() {
    return signed;
  }

  /** Smallest value this field can carry on the wire. */
  public long minValue() {
    return signed ? -(1L << (valueLength * 8 - 1)) : valueLength == 8 ? Long.MIN_VALUE : 0;
  }

  /** Largest value this field can carry on the wire (u64 values use all 64 bits, so any long fits). */
  public long maxValue() {
    if (valueLength == 8) {
      return Long.MAX_VALUE;
    }
    return signed ? (1L << (valueLength * 8 - 1)) - 1 : (1L << (valueLength * 8)) - 1;
  }

  /** Bit of this field in a presence mask. */
  public int bit() {
    return 1 << ordinal();
  }

  /** The field with this TV type code, or {@code null} when it is not a tag field. */
  public static TagField fromTvType(int tvType) {
    return tvType >= 0 && tvType < BY_TV_TYPE.length ? BY_TV_TYPE[tvType] : null;
  }
}
