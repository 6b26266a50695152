package io.tagflow.protocol.event;

/**
 * Version and limits of the event contract (docs/events.md).
 *
 * <p>{@link #VERSION} is a major version: producers write it in every event's {@code schemaVersion},
 * consumers reject events whose major they do not know. Backward-compatible additions (a new
 * optional field) keep the version; consumers ignore fields they do not know.
 */
public final class EventSchema {
  /** The major version of the event JSON this code writes and reads. */
  public static final int VERSION = 1;
  /** Payloads longer than this are rejected before parsing (1 MiB). */
  public static final int MAX_PAYLOAD_BYTES = 1 << 20;
  /** The most tag observations one movement may carry. */
  public static final int MAX_TAGS_PER_MOVEMENT = 10_000;

  private EventSchema() {
  }
}
