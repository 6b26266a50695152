package io.tagflow.protocol.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** The connection state of one LLRP reader as its gateway sees it. */
public enum ReaderState {
  /** The gateway is opening the LLRP connection or configuring the reader. */
  CONNECTING("CONNECTING"),
  /** The reader is connected and its ROSpec runs. */
  CONNECTED("CONNECTED"),
  /** The connection is closed; the gateway backs off and retries. */
  DISCONNECTED("DISCONNECTED"),
  /** The reader answered with an error the gateway cannot fix by reconnecting. */
  FAULT("FAULT");

  private final String json;

  ReaderState(String json) {
    this.json = json;
  }

  /** The name on the wire. */
  @JsonValue
  public String json() {
    return json;
  }

  /** The constant with this wire name, or {@code null} when there is none. */
  public static ReaderState fromJson(String json) {
    for (ReaderState value : values()) {
      if (value.json.equals(json)) {
        return value;
      }
    }
    return null;
  }
}
