package io.tagflow.protocol.llrp;

import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.EPC_96_LENGTH;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.EPC_DATA_HEADER_LENGTH;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TLV_EPC_DATA;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TLV_HEADER_LENGTH;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TLV_TAG_REPORT_DATA;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TV_EPC_96;

import io.netty.buffer.ByteBuf;

/**
 * Encodes tags of a {@link TagReportBatch} as one RO_ACCESS_REPORT message, the way a reader
 * sends it: one TagReportData per tag holding the EPC and the fields chosen by a
 * {@link ReportContent}, in the order LLRP 1.1 lists them in TagReportData. Used by the reader
 * simulator, so it writes straight into the {@link ByteBuf} with no object per tag.
 *
 * <p>The encoder is immutable and thread-safe. It writes only after it has checked that the
 * message fits: a tag whose TagReportData would exceed the 16-bit TLV length (an EPC over about
 * 65,000 bits) is rejected with {@link IllegalArgumentException} before anything is written.
 */
public final class RoAccessReportEncoder {
  private static final int[] FIELD_WIRE_LENGTH = new int[TagField.COUNT];
  private static final int[] FIELD_TV_HEAD = new int[TagField.COUNT];

  static {
    for (TagField field : TagField.values()) {
      FIELD_WIRE_LENGTH[field.ordinal()] = 1 + field.valueLength();
      FIELD_TV_HEAD[field.ordinal()] = 0x80 | field.tvType();
    }
  }

  private final ReportContent content;

  public RoAccessReportEncoder(ReportContent content) {
    this.content = content;
  }

  public ReportContent content() {
    return content;
  }

  /** Bytes of the message that {@link #encode} would write for tags {@code [from, to)}. */
  public long encodedLength(TagReportBatch batch, int from, int to) {
    checkRange(batch, from, to);
    long total = LlrpFrame.HEADER_LENGTH;
    for (int i = from; i < to; i++) {
      total += tagReportDataLength(batch, i);
    }
    return total;
  }

  /** Encodes every tag of {@code batch}; see {@link #encode(TagReportBatch, int, int, int, long, ByteBuf)}. */
  public int encode(TagReportBatch batch, int version, long messageId, ByteBuf out) {
    return encode(batch, 0, batch.size(), version, messageId, out);
  }

  /**
   * Appends an RO_ACCESS_REPORT holding tags {@code [from, to)} of {@code batch} at the writer
   * index of {@code out}.
   *
   * @param version 1 (LLRP 1.0.1) or 2 (LLRP 1.1)
   * @param messageId unsigned 32-bit message id
   * @return bytes written
   * @throws IllegalArgumentException for a bad version, message id, range or an oversized tag;
   *     nothing is written then
   */
  public int encode(TagReportBatch batch, int from, int to, int version, long messageId, ByteBuf out) {
    if (version != 1 && version != 2) {
      throw new IllegalArgumentException("version must be 1 (LLRP 1.0.1) or 2 (LLRP 1.1), was " + version);
    }
    if (messageId < 0 || messageId > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("messageId must be an unsigned 32-bit value, was " + messageId);
    }
    long total = encodedLength(batch, from, to);
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("message of " + total + " bytes is too large");
    }
    out.ensureWritable((int) total);
    out.writeShort((version << 10) | LlrpMessageType.RO_ACCESS_REPORT.code());
    out.writeInt((int) total);
    out.writeInt((int) messageId);
    for (int i = from; i < to; i++) {
      writeTag(batch, i, out);
    }
    return (int) total;
  }

  private void writeTag(TagReportBatch batch, int i, ByteBuf out) {
    out.writeShort(TLV_TAG_REPORT_DATA);
    out.writeShort(tagReportDataLength(batch, i));
    int bits = batch.epcBitLength(i);
    if (bits == 96 && content.epc96()) {
      out.writeByte(0x80 | TV_EPC_96);
    } else {
      out.writeShort(TLV_EPC_DATA);
      out.writeShort(EPC_DATA_HEADER_LENGTH + batch.epcByteLength(i));
      out.writeShort(bits);
    }
    batch.writeEpc(i, out);
    for (int m = batch.presenceMask(i) & content.mask(); m != 0; m &= m - 1) {
      int f = Integer.numberOfTrailingZeros(m);
      long value = batch.rawValue(i, f);
      out.writeByte(FIELD_TV_HEAD[f]);
      switch (FIELD_WIRE_LENGTH[f]) {
        case 2 -> out.writeByte((int) value);
        case 3 -> out.writeShort((int) value);
        case 5 -> out.writeInt((int) value);
        default -> out.writeLong(value);
      }
    }
  }

  private int tagReportDataLength(TagReportBatch batch, int i) {
    int bits = batch.epcBitLength(i);
    int length = TLV_HEADER_LENGTH
        + (bits == 96 && content.epc96() ? EPC_96_LENGTH : EPC_DATA_HEADER_LENGTH + batch.epcByteLength(i));
    for (int m = batch.presenceMask(i) & content.mask(); m != 0; m &= m - 1) {
      length += FIELD_WIRE_LENGTH[Integer.numberOfTrailingZeros(m)];
    }
    if (length > 0xFFFF) {
      throw new IllegalArgumentException("tag " + i + " needs a TagReportData of " + length
          + " bytes, more than the 65535 a TLV length can say");
    }
    return length;
  }

  private static void checkRange(TagReportBatch batch, int from, int to) {
    if (from < 0 || to > batch.size() || from > to) {
      throw new IllegalArgumentException("tag range [" + from + ", " + to + ") is outside the batch of " + batch.size());
    }
  }
}
