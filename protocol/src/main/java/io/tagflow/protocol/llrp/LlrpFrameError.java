package io.tagflow.protocol.llrp;

/**
 * A framing failure, passed down the pipeline as data instead of being thrown through it.
 *
 * <p>After a framing error the byte stream can no longer be trusted, so the frame decoder emits one
 * of these and then discards everything else it receives. The handler that sees it decides what the
 * spec asks for: a gateway closes and backs off; a simulated reader answers ERROR_MESSAGE and closes.
 *
 * @param reason what was wrong, in words a reader engineer understands
 * @param offset byte offset in the connection's stream where the bad header starts
 * @param version the version field of the bad header (or -1 when it was not read)
 * @param type the message type field of the bad header (or -1)
 * @param messageId the message id of the bad header (or -1)
 * @param unsupportedVersion true when the only fault is a version this codec does not speak
 */
public record LlrpFrameError(String reason, long offset, int version, int type, long messageId,
                             boolean unsupportedVersion) {
}
