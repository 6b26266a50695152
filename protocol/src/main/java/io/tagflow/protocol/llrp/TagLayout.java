package io.tagflow.protocol.llrp;

import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TLV_HEADER_LENGTH;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TLV_TAG_REPORT_DATA;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TV_EPC_96;

import io.tagflow.protocol.llrp.internal.LlrpParameterTypes;
import java.nio.ByteBuffer;

/**
 * The fast path of {@link RoAccessReportDecoder}: the wire layout of one TagReportData made only
 * of TV parameters (an EPC-96 and fixed-size fields, the shape a fixed reader repeats for every
 * tag of a report), learned from a tag the general decoder accepted, so that the following tags
 * of the same shape are read at fixed offsets instead of being walked parameter by parameter.
 *
 * <p>Why it gives exactly what the general decoder gives: a TV parameter carries no length, its
 * type byte alone fixes where the next parameter starts. So when a TagReportData has the learned
 * TLV header (type and length) and every learned type byte sits at its learned offset, the general
 * decoder would walk exactly the learned parameters; the layout reads the same values at the same
 * offsets, stores them in the same order, and marks the same fields present. A tag that differs in
 * any of those bytes goes to the general decoder, which also owns every error, so the layout never
 * rejects input. Walking is what costs: each parameter's offset depends on a load of the previous
 * type byte and a table look-up, a chain the processor cannot overlap; with fixed offsets the
 * checks and loads of one tag, and of consecutive tags, are independent.
 *
 * <p>Each value is read as one big-endian 8-byte load at its offset and shifted down to its width
 * (arithmetically for the signed PeakRSSI), so there is no branch per width. Such a load can reach
 * up to 7 bytes past the tag, so a tag is only taken when those bytes are still inside the
 * message; the last tag of a report usually is not, and is left to the general decoder.
 *
 * <p>Mutable and not thread-safe: one lives in each {@link TagReportBatch}, the decoder's
 * per-connection state, so the decoder itself stays stateless.
 */
final class TagLayout {
  /** TV parameters in a layout; a TagReportData with more is left to the general decoder. */
  static final int MAX_PARAMETERS = 24;

  /** Bytes of the whole TagReportData; 0 when nothing is learned. */
  private int length;
  /** Its first four bytes (type and length) with the reserved bits masked off. */
  private int header;
  /** Bytes from the tag's start that matching and reading touch. */
  private int span;
  private int parameters;
  private final int[] typeOffset = new int[MAX_PARAMETERS];
  private final byte[] typeByte = new byte[MAX_PARAMETERS];
  private int epcOffset;
  private int fields;
  private int mask;
  private final int[] valueOffset = new int[MAX_PARAMETERS];
  private final int[] fieldOrdinal = new int[MAX_PARAMETERS];
  private final int[] shift = new int[MAX_PARAMETERS];
  private final int[] signShift = new int[MAX_PARAMETERS];

  /** Bytes of a TagReportData of this layout. */
  int length() {
    return length;
  }

  /**
   * True when the TagReportData at {@code p} has this layout and its reads stay before
   * {@code end}, the end of the message.
   */
  boolean matches(ByteBuffer in, int p, int end) {
    if (length == 0 || end - p < span || (in.getInt(p) & 0x83FF_FFFF) != header) {
      return false;
    }
    for (int k = 0; k < parameters; k++) {
      if (in.get(p + typeOffset[k]) != typeByte[k]) {
        return false;
      }
    }
    return true;
  }

  /** Appends the tag at {@code p}, which {@link #matches}, to {@code out}. */
  void decode(ByteBuffer in, int p, TagReportBatch out) {
    int i = out.beginTag();
    out.putEpc96(i, in.getLong(p + epcOffset), in.getInt(p + epcOffset + 8));
    long[] values = out.valueRows();
    int row = i * TagField.COUNT;
    for (int k = 0; k < fields; k++) {
      long raw = in.getLong(p + valueOffset[k]);
      values[row + fieldOrdinal[k]] = ((raw >>> shift[k]) << signShift[k]) >> signShift[k];
    }
    out.setPresence(i, mask);
  }

  /**
   * Learns the layout of the TagReportData at {@code [tagStart, tagEnd)}, which the general
   * decoder has just accepted, or forgets the layout when that tag has a TLV sub-parameter, an
   * EPC other than one EPC-96, or too many parameters.
   */
  void learn(ByteBuffer in, int tagStart, int tagEnd) {
    length = 0;
    int count = 0;
    int stored = 0;
    int epcs = 0;
    int fieldMask = 0;
    int reach = tagEnd - tagStart;
    for (int p = tagStart + TLV_HEADER_LENGTH; p < tagEnd; ) {
      int head = in.get(p) & 0xFF;
      if (head < 0x80 || count == MAX_PARAMETERS) {
        return;
      }
      int tvType = head & 0x7F;
      int at = p - tagStart;
      typeOffset[count] = at;
      typeByte[count++] = (byte) head;
      TagField field = TagField.fromTvType(tvType);
      if (field != null) {
        valueOffset[stored] = at + 1;
        fieldOrdinal[stored] = field.ordinal();
        shift[stored] = 64 - 8 * field.valueLength();
        signShift[stored++] = field.signed() ? 64 - 8 * field.valueLength() : 0;
        fieldMask |= field.bit();
        reach = Math.max(reach, at + 1 + Long.BYTES);
      } else if (tvType == TV_EPC_96) {
        epcs++;
        epcOffset = at + 1;
      }
      p += 1 + LlrpParameterTypes.tvValueLength(tvType);
    }
    if (epcs != 1) {
      return;
    }
    parameters = count;
    fields = stored;
    mask = fieldMask;
    span = reach;
    length = tagEnd - tagStart;
    header = (TLV_TAG_REPORT_DATA << 16) | length;
  }
}
