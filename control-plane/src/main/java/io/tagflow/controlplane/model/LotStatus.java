package io.tagflow.controlplane.model;

import java.util.Locale;

/** What may be done with a lot. Anything but {@link #ACTIVE} forbids it from leaving the site. */
public enum LotStatus {
  ACTIVE, LOCKED, QUARANTINED, RECALLED;

  /** The JSON/API spelling, lower case. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the API spelling, case-insensitively. */
  public static LotStatus fromWire(String value) {
    for (LotStatus s : values()) {
      if (s.name().equalsIgnoreCase(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("status must be one of active, locked, quarantined, recalled (got '"
        + Ids.abbreviate(String.valueOf(value)) + "')");
  }
}
