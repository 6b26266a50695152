package io.tagflow.gateway.reader;

/**
 * Where a reader session is in its conversation (LLRP 1.1 §9 connection, §10-13 configuration and
 * inventory). {@link #code()} is the value of the {@code tagflow.reader.state} gauge.
 */
public enum ReaderState {
  /** Not connected; waiting for the back-off delay or stopped. */
  DISCONNECTED(0),
  /** TCP connecting, or connected and waiting for READER_EVENT_NOTIFICATION/ConnectionAttemptEvent. */
  CONNECTING(1),
  /** GET_READER_CAPABILITIES and SET_READER_CONFIG. */
  CONFIGURING(2),
  /** DELETE, ADD, ENABLE and START_ROSPEC. */
  STARTING(3),
  /** Inventory running, reports flowing. */
  RUNNING(4),
  /** STOP_ROSPEC and CLOSE_CONNECTION on shutdown. */
  STOPPING(5);

  private final int code;

  ReaderState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
