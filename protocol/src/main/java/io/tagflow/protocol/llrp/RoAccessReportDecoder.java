package io.tagflow.protocol.llrp;

import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.EPC_DATA_HEADER_LENGTH;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TLV_EPC_DATA;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TLV_HEADER_LENGTH;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TLV_TAG_REPORT_DATA;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TV_EPC_96;

import io.netty.buffer.ByteBuf;
import io.tagflow.protocol.llrp.internal.LlrpParameterTypes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes an RO_ACCESS_REPORT message straight from its {@link ByteBuf} into a reusable
 * {@link TagReportBatch}: absolute reads, no object per tag or per parameter. This is the hot path
 * of the gateway; every other LLRP message goes through the LLRP Toolkit.
 *
 * <p>What is read (LLRP 1.1, RO_ACCESS_REPORT, TagReportData and its sub-parameters): the body is a
 * sequence of TLV parameters; each TagReportData (240) becomes one tag. Inside it the EPC (EPCData
 * 241 with its bit length, or EPC-96 13) is required and each TV field of {@link TagField} is
 * stored. Everything else is skipped: other TV parameters whose length LLRP defines (C1G2 XPC
 * words, ClientRequestOpSpecResult, ...) and any TLV by its length, inside and between
 * TagReportData (Custom 1023, AccessCommand op-spec results, RFSurveyReportData,
 * ReaderEventNotificationData). Parameters may come in any order.
 *
 * <p>Fast path: a run of TagReportData with the same wire layout as the last one the walk below
 * accepted for this batch (the common case: a reader repeats one layout for every tag) is read at
 * fixed offsets by the batch's {@code TagLayout}, with exactly the result of the walk; see that
 * class.
 *
 * <p>Failure contract: malformed input throws {@link LlrpDecodeException} with a reason and the
 * byte offset from the start of the message, and leaves {@code out} empty. Every length is checked
 * against its parent before it is used, so no input can read outside the message, loop, or grow
 * the batch beyond what the message's bytes can describe. An unknown TV type is fatal, because TV
 * parameters carry no length. Nothing is thrown for valid input. The decoder is stateless and
 * thread-safe (the learned layout lives in the batch); the batch is not, and a buffer must not be decoded by two threads at once (the
 * decoder reads through the buffer's shared internal NIO view). The buffer's indexes and contents
 * are left unchanged.
 */
public final class RoAccessReportDecoder {
  private static final int TYPE_RO_ACCESS_REPORT = LlrpMessageType.RO_ACCESS_REPORT.code();
  /** Field ordinal per TV type, or -1 when the type is not a stored field. */
  private static final byte[] FIELD_BY_TV_TYPE = new byte[128];

  static {
    Arrays.fill(FIELD_BY_TV_TYPE, (byte) -1);
    for (TagField field : TagField.values()) {
      FIELD_BY_TV_TYPE[field.tvType()] = (byte) field.ordinal();
    }
  }

  private final boolean fastPath;

  public RoAccessReportDecoder() {
    this(true);
  }

  /** With {@code fastPath} false, every tag is walked parameter by parameter: for the tests that compare the two. */
  RoAccessReportDecoder(boolean fastPath) {
    this.fastPath = fastPath;
  }

  /**
   * Decodes the frame's message into {@code out}, replacing what it held.
   *
   * @return the number of tags decoded
   * @throws LlrpDecodeException when the message is not a well-formed RO_ACCESS_REPORT
   */
  public int decode(LlrpFrame frame, TagReportBatch out) {
    ByteBuf content = frame.content();
    return decode(content, content.readerIndex(), content.readableBytes(), out);
  }

  /**
   * Decodes the whole message (header included) at {@code buf[index .. index + length)} into
   * {@code out}, replacing what it held.
   *
   * @return the number of tags decoded
   * @throws LlrpDecodeException when the message is not a well-formed RO_ACCESS_REPORT
   * @throws IndexOutOfBoundsException when the range is outside {@code buf} (a caller bug)
   */
  public int decode(ByteBuf buf, int index, int length, TagReportBatch out) {
    out.clear();
    try {
      if (length < LlrpFrame.HEADER_LENGTH) {
        throw new LlrpDecodeException("message of " + length + " bytes is shorter than the 10-byte header", 0);
      }
      decodeMessage(view(buf, index, length), out);
    } catch (LlrpDecodeException e) {
      out.clear();
      throw e;
    }
    return out.size();
  }

  /**
   * The message as a big-endian {@link ByteBuffer} whose position is the message start. Reading a
   * JDK buffer with absolute gets costs a fraction of the equivalent {@code ByteBuf} calls, which
   * each re-check the reference count and bounds. For the single-region buffers the frame decoder
   * produces this is Netty's cached internal view, so nothing is allocated or copied; a composite
   * buffer is copied once.
   */
  private static ByteBuffer view(ByteBuf buf, int index, int length) {
    ByteBuffer view = buf.nioBufferCount() == 1
        ? buf.internalNioBuffer(index, length)
        : ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(buf, index, length));
    return view.order() == ByteOrder.BIG_ENDIAN ? view : view.duplicate().order(ByteOrder.BIG_ENDIAN);
  }

  private void decodeMessage(ByteBuffer in, TagReportBatch out) {
    TagLayout layout = fastPath ? out.layout() : null;
    int start = in.position();
    int length = in.remaining();
    int first = in.getShort(start) & 0xFFFF;
    int version = (first >>> 10) & 0x7;
    if (version != 1 && version != 2) {
      throw new LlrpDecodeException("unsupported LLRP version " + version, 0);
    }
    int type = first & 0x3FF;
    if (type != TYPE_RO_ACCESS_REPORT) {
      throw new LlrpDecodeException("message type " + type + " is not RO_ACCESS_REPORT (" + TYPE_RO_ACCESS_REPORT + ")", 0);
    }
    long declared = in.getInt(start + 2) & 0xFFFF_FFFFL;
    if (declared != length) {
      throw new LlrpDecodeException("header message length " + declared + " does not match the " + length + " bytes of the message", 2);
    }
    int end = start + length;
    int p = start + LlrpFrame.HEADER_LENGTH;
    while (p < end) {
      if (layout != null) {
        int after = layout.decodeRun(in, p, end, out);
        if (after != p) {
          p = after;
          continue;
        }
      }
      int head = in.get(p) & 0xFF;
      if (head >= 0x80) {
        throw new LlrpDecodeException("TV parameter type " + (head & 0x7F)
            + " is not allowed at the top level of RO_ACCESS_REPORT (only TLV parameters are)", p - start);
      }
      int paramEnd = tlvEnd(in, start, p, end, "RO_ACCESS_REPORT");
      if ((in.getShort(p) & 0x3FF) == TLV_TAG_REPORT_DATA) {
        decodeTagReportData(in, start, p, paramEnd, out);
        if (layout != null) {
          layout.learn(in, p, paramEnd);
        }
      }
      p = paramEnd;
    }
  }

  /** Checks the TLV header at {@code p} against its parent's end and returns the TLV's end. */
  private static int tlvEnd(ByteBuffer in, int start, int p, int parentEnd, String parent) {
    if (parentEnd - p < TLV_HEADER_LENGTH) {
      throw new LlrpDecodeException("truncated TLV parameter header: " + (parentEnd - p)
          + " bytes left in " + parent + ", a header needs 4", p - start);
    }
    int paramLength = in.getShort(p + 2) & 0xFFFF;
    if (paramLength < TLV_HEADER_LENGTH) {
      throw new LlrpDecodeException("TLV parameter type " + (in.getShort(p) & 0x3FF) + " has length "
          + paramLength + ", shorter than its 4-byte header", p + 2 - start);
    }
    if (paramLength > parentEnd - p) {
      throw new LlrpDecodeException("TLV parameter type " + (in.getShort(p) & 0x3FF) + " has length "
          + paramLength + " but only " + (parentEnd - p) + " bytes are left in " + parent, p + 2 - start);
    }
    return p + paramLength;
  }

  private static void decodeTagReportData(ByteBuffer in, int start, int tagStart, int tagEnd, TagReportBatch out) {
    int i = out.beginTag();
    long[] values = out.valueRows();
    int row = i * TagField.COUNT;
    int mask = 0;
    boolean haveEpc = false;
    int p = tagStart + TLV_HEADER_LENGTH;
    while (p < tagEnd) {
      int head = in.get(p) & 0xFF;
      if (head >= 0x80) {
        int tvType = head & 0x7F;
        int valueLength = LlrpParameterTypes.tvValueLength(tvType);
        if (valueLength == 0) {
          throw new LlrpDecodeException("unknown TV parameter type " + tvType + " in TagReportData: a TV parameter"
              + " carries no length on the wire, so nothing after it can be parsed", p - start);
        }
        int value = p + 1;
        if (valueLength > tagEnd - value) {
          throw new LlrpDecodeException("TV parameter type " + tvType + " needs " + valueLength + " value bytes but only "
              + (tagEnd - value) + " are left in TagReportData", p - start);
        }
        int field = FIELD_BY_TV_TYPE[tvType];
        if (field >= 0) {
          values[row + field] = switch (valueLength) {
            case 1 -> in.get(value); // PeakRSSI, the only 1-byte field, is signed
            case 2 -> in.getShort(value) & 0xFFFF;
            case 4 -> in.getInt(value) & 0xFFFF_FFFFL;
            default -> in.getLong(value);
          };
          mask |= 1 << field;
        } else if (tvType == TV_EPC_96) {
          haveEpc = epcOnce(haveEpc, start, p);
          out.putEpc96(i, in.getLong(value), in.getInt(value + 8));
        }
        p = value + valueLength;
      } else {
        int paramEnd = tlvEnd(in, start, p, tagEnd, "TagReportData");
        if ((in.getShort(p) & 0x3FF) == TLV_EPC_DATA) {
          haveEpc = epcOnce(haveEpc, start, p);
          decodeEpcData(in, start, p, paramEnd, i, out);
        }
        p = paramEnd;
      }
    }
    if (!haveEpc) {
      throw new LlrpDecodeException("TagReportData has no EPCData or EPC-96 parameter", tagStart - start);
    }
    out.setPresence(i, mask);
  }

  private static boolean epcOnce(boolean haveEpc, int start, int p) {
    if (haveEpc) {
      throw new LlrpDecodeException("TagReportData has a second EPC parameter", p - start);
    }
    return true;
  }

  private static void decodeEpcData(ByteBuffer in, int start, int p, int paramEnd, int i, TagReportBatch out) {
    if (paramEnd - p < EPC_DATA_HEADER_LENGTH) {
      throw new LlrpDecodeException("EPCData of " + (paramEnd - p) + " bytes has no room for its EPCLengthBits field", p - start);
    }
    int bits = in.getShort(p + TLV_HEADER_LENGTH) & 0xFFFF;
    int bytes = (bits + 7) >>> 3;
    if (bytes > paramEnd - p - EPC_DATA_HEADER_LENGTH) {
      throw new LlrpDecodeException("EPCData says " + bits + " EPC bits (" + bytes + " bytes) but holds only "
          + (paramEnd - p - EPC_DATA_HEADER_LENGTH) + " bytes", p + TLV_HEADER_LENGTH - start);
    }
    out.putEpc(i, in, p + EPC_DATA_HEADER_LENGTH, bits);
  }
}
