package io.tagflow.protocol.event;

/**
 * The one exception {@link EventCodec} and {@link Topics#parse(String)} throw for bad input. Its
 * message is {@code "<path>: <reason>"}, for example {@code "tags[3].peakRssi: expected a number, got
 * \"x\""} or {@code "movementId: missing"}; {@link #path()} and {@link #reason()} give the two parts.
 *
 * <p>It has no stack trace: a bad payload is an input error, not a bug. Consumers catch it once, store
 * the payload as a dead letter with {@link #getMessage()} as the reason, and go on.
 */
public final class EventFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String reason;

  public EventFormatException(String path, String reason) {
    super(path + ": " + reason, null, false, false);
    this.path = path;
    this.reason = reason;
  }

  /** Where the fault is: a field path such as {@code tags[3].peakRssi}, or {@code payload}, {@code topic}. */
  public String path() {
    return path;
  }

  /** What was wrong, without the path. */
  public String reason() {
    return reason;
  }
}
