package io.tagflow.protocol.llrp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a TCP byte stream into {@link LlrpFrame}s (LLRP 1.1 §4.1, §19).
 *
 * <p>The length field is checked before any buffer is taken for the frame: a length below
 * {@value LlrpFrame#HEADER_LENGTH} or above the configured maximum is a protocol error and never
 * causes an allocation. Versions 1 (LLRP 1.0.1) and 2 (LLRP 1.1) are accepted, because readers in the
 * field still speak 1.0.1. A bad header is emitted once as an {@link LlrpFrameError}; everything that
 * arrives after it is discarded, so memory stays bounded whatever the peer sends.
 *
 * <p>Frames are retained slices of the cumulation buffer, so a report is never copied.
 */
public final class LlrpFrameDecoder extends ByteToMessageDecoder {
  /** Handler name in a pipeline. */
  public static final String NAME = "llrp-frame-decoder";
  /** Default largest accepted message, header included. */
  public static final int DEFAULT_MAX_FRAME_LENGTH = 1 << 20;

  private final int maxFrameLength;
  private long streamOffset;
  private boolean failed;

  public LlrpFrameDecoder() {
    this(DEFAULT_MAX_FRAME_LENGTH);
  }

  public LlrpFrameDecoder(int maxFrameLength) {
    if (maxFrameLength < LlrpFrame.HEADER_LENGTH) {
      throw new IllegalArgumentException("maxFrameLength must be at least " + LlrpFrame.HEADER_LENGTH);
    }
    this.maxFrameLength = maxFrameLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    while (in.readableBytes() >= LlrpFrame.HEADER_LENGTH) {
      int start = in.readerIndex();
      int first = in.getUnsignedShort(start);
      int version = (first >>> 10) & 0x7;
      int type = first & 0x3FF;
      long length = in.getUnsignedInt(start + 2);
      long messageId = in.getUnsignedInt(start + 6);
      String fault = headerFault(version, length);
      if (fault != null) {
        failed = true;
        out.add(new LlrpFrameError(fault, streamOffset, version, type, messageId, isOnlyVersionFault(version, length)));
        in.skipBytes(in.readableBytes());
        return;
      }
      if (in.readableBytes() < length) {
        return;
      }
      out.add(new LlrpFrame(version, type, messageId, in.retainedSlice(start, (int) length)));
      in.skipBytes((int) length);
      streamOffset += length;
    }
  }

  private String headerFault(int version, long length) {
    if (length < LlrpFrame.HEADER_LENGTH) {
      return "message length " + length + " is shorter than the " + LlrpFrame.HEADER_LENGTH + "-byte header";
    }
    if (length > maxFrameLength) {
      return "message length " + length + " exceeds the maximum frame length " + maxFrameLength;
    }
    if (version != 1 && version != 2) {
      return "unsupported LLRP version " + version + " (expected 1 for LLRP 1.0.1 or 2 for LLRP 1.1)";
    }
    return null;
  }

  private boolean isOnlyVersionFault(int version, long length) {
    return (version != 1 && version != 2) && length >= LlrpFrame.HEADER_LENGTH && length <= maxFrameLength;
  }
}
