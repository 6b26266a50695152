package io.tagflow.controlplane.store;

/** How urgent an anomaly is. Stored as the lower-case code. */
public enum AnomalySeverity {
  INFO("info"),
  WARNING("warning"),
  CRITICAL("critical");

  private final String code;

  AnomalySeverity(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The severity with this code, or {@code null}. */
  public static AnomalySeverity fromCode(String code) {
    for (AnomalySeverity s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    return null;
  }
}
