package io.tagflow.protocol.llrp;

/**
 * The one exception the LLRP decoders throw for malformed input. It carries what was wrong and the
 * byte offset (from the start of the message) where decoding stopped.
 *
 * <p>It is caught once, at the handler that owns the connection, logged once with the reader id and
 * message id, and answered as the spec asks. It has no stack trace: a malformed frame is an input
 * error, not a bug, and filling the trace for each one would cost more than the decode.
 */
public final class LlrpDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  public LlrpDecodeException(String reason, int offset) {
    super(reason, null, false, false);
    this.offset = offset;
  }

  /** Byte offset from the start of the message where the fault was found. */
  public int offset() {
    return offset;
  }

  /** What was wrong, without the offset. */
  public String reason() {
    return getMessage();
  }

  @Override
  public String toString() {
    return getMessage() + " at byte " + offset;
  }
}
