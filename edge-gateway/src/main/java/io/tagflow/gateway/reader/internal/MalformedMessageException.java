package io.tagflow.gateway.reader.internal;

import io.tagflow.protocol.llrp.LlrpDecodeException;
import io.tagflow.protocol.llrp.LlrpFrame;
import io.tagflow.protocol.llrp.LlrpMessageType;

/**
 * An {@link LlrpDecodeException} with the frame it came from, thrown by a handler that decodes and
 * caught once by {@link ReaderExceptionHandler}. No stack trace: malformed input is not a bug.
 */
public final class MalformedMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long messageId;
  private final int offset;

  public MalformedMessageException(LlrpFrame frame, LlrpDecodeException cause) {
    super(typeName(frame.type()) + " message id " + frame.messageId() + " at byte " + cause.offset() + ": " + cause.reason(),
        null, false, false);
    this.messageId = frame.messageId();
    this.offset = cause.offset();
  }

  public long messageId() {
    return messageId;
  }

  public int offset() {
    return offset;
  }

  static String typeName(int code) {
    LlrpMessageType type = LlrpMessageType.fromCode(code);
    return type == null ? "type " + code : type.name();
  }
}
