package io.tagflow.protocol.llrp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One whole LLRP message as it came off the wire: the 10-byte header fields, and {@link #content()}
 * holding every byte of the message, header included, so that the LLRP Toolkit can parse it unchanged.
 *
 * <p>Header layout (LLRP 1.1 §4.1): 3 reserved bits, 3-bit version, 10-bit message type, 32-bit
 * message length including the header, 32-bit message id. A frame is reference counted: whoever takes
 * it from the pipeline releases it.
 */
public final class LlrpFrame extends DefaultByteBufHolder {
  /** Bytes in the message header. */
  public static final int HEADER_LENGTH = 10;

  private final int version;
  private final int type;
  private final long messageId;

  public LlrpFrame(int version, int type, long messageId, ByteBuf content) {
    super(content);
    this.version = version;
    this.type = type;
    this.messageId = messageId;
  }

  /** Protocol version: 1 for LLRP 1.0.1, 2 for LLRP 1.1. */
  public int version() {
    return version;
  }

  /** The 10-bit message type code. */
  public int type() {
    return type;
  }

  /** The message id, an unsigned 32-bit value. */
  public long messageId() {
    return messageId;
  }

  /** Index in {@link #content()} where the message body (its parameters) starts. */
  public int bodyIndex() {
    return content().readerIndex() + HEADER_LENGTH;
  }

  /** Bytes in the message body. */
  public int bodyLength() {
    return content().readableBytes() - HEADER_LENGTH;
  }

  @Override
  public LlrpFrame replace(ByteBuf content) {
    return new LlrpFrame(version, type, messageId, content);
  }

  @Override
  public LlrpFrame retain() {
    super.retain();
    return this;
  }

  @Override
  public String toString() {
    return "LlrpFrame(v" + version + ", type " + type + ", id " + messageId + ", " + content().readableBytes() + " bytes)";
  }
}
