package io.tagflow.gateway.delivery;

import java.io.IOException;

/**
 * {@link Outbox#append} refused an entry because the outbox's disk quota is reached. The entry is not
 * stored; appends succeed again once the broker acknowledges enough pending entries.
 */
public final class OutboxFullException extends IOException {
  private static final long serialVersionUID = 1L;

  public OutboxFullException(String message) {
    super(message);
  }

  /** No stack trace: this is an expected, reported condition, logged once by the caller. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
