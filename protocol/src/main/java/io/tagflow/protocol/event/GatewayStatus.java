package io.tagflow.protocol.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a gateway is up. OFFLINE is normally published by the broker as the gateway's MQTT will. */
public enum GatewayStatus {
  /** The gateway is connected and publishing. */
  ONLINE("ONLINE"),
  /** The gateway stopped or its MQTT connection was lost. */
  OFFLINE("OFFLINE");

  private final String json;

  GatewayStatus(String json) {
    this.json = json;
  }

  /** The name on the wire. */
  @JsonValue
  public String json() {
    return json;
  }

  /** The constant with this wire name, or {@code null} when there is none. */
  public static GatewayStatus fromJson(String json) {
    for (GatewayStatus value : values()) {
      if (value.json.equals(json)) {
        return value;
      }
    }
    return null;
  }
}
