package io.tagflow.controlplane.store;

/**
 * Where an anomaly is in its life: OPEN, then optionally ACKNOWLEDGED, then RESOLVED. It never goes
 * back. Stored as the lower-case code.
 */
public enum AnomalyStatus {
  OPEN("open"),
  ACKNOWLEDGED("acknowledged"),
  RESOLVED("resolved");

  private final String code;

  AnomalyStatus(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Whether an anomaly in this status may move to {@code next}. */
  public boolean canMoveTo(AnomalyStatus next) {
    return next.ordinal() > ordinal();
  }

  /** The status with this code, or {@code null}. */
  public static AnomalyStatus fromCode(String code) {
    for (AnomalyStatus s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    return null;
  }
}
