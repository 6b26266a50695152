package io.tagflow.controlplane.anomaly;

import java.util.Locale;

/** What went wrong. The wire spelling is the lower-case name. */
public enum AnomalyType {
  /** An OUT movement carried a lot that must not leave, or one no authorisation covers. */
  UNEXPECTED_EXIT,
  /** A tag that is not in the registry crossed a door. */
  UNREGISTERED_TAG,
  /** A bin holds more tagged units than its capacity. */
  BIN_OVER_CAPACITY,
  /** A reader reported itself disconnected or faulty. */
  READER_OFFLINE,
  /** A gateway went offline (health will, or an offline health report). */
  GATEWAY_OFFLINE,
  /** A pallet stayed at a door or its staging lane too long without crossing. */
  DOOR_DWELL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire spelling, case-insensitively. */
  public static AnomalyType fromWire(String value) {
    for (AnomalyType t : values()) {
      if (t.name().equalsIgnoreCase(value)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown anomaly type '" + value + "'");
  }
}
