package io.tagflow.protocol.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which way a movement crossed a dock door: into the building or out of it. */
public enum Direction {
  /** From the yard side to the warehouse side. */
  IN("IN"),
  /** From the warehouse side to the yard side. */
  OUT("OUT");

  private final String json;

  Direction(String json) {
    this.json = json;
  }

  /** The name on the wire. */
  @JsonValue
  public String json() {
    return json;
  }

  /** The constant with this wire name, or {@code null} when there is none. */
  public static Direction fromJson(String json) {
    for (Direction value : values()) {
      if (value.json.equals(json)) {
        return value;
      }
    }
    return null;
  }
}
