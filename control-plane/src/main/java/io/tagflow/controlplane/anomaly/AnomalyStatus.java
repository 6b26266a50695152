package io.tagflow.controlplane.anomaly;

import java.util.Locale;

/** An anomaly's life: raised open, acknowledged by a person, resolved by a person or by the system. */
public enum AnomalyStatus {
  OPEN, ACKNOWLEDGED, RESOLVED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire spelling, case-insensitively. */
  public static AnomalyStatus fromWire(String value) {
    for (AnomalyStatus s : values()) {
      if (s.name().equalsIgnoreCase(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("status must be one of open, acknowledged, resolved (got '" + value + "')");
  }

  /** Whether an anomaly in this status may move to {@code next}: forward only, never back to open. */
  public boolean canMoveTo(AnomalyStatus next) {
    return next.ordinal() > ordinal();
  }
}
