package io.tagflow.controlplane.store;

/** Whether a lot may move. Stored as the lower-case code. */
public enum LotStatus {
  ACTIVE("active"),
  LOCKED("locked"),
  QUARANTINED("quarantined"),
  RECALLED("recalled");

  private final String code;

  LotStatus(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The status with this code, or {@code null}. */
  public static LotStatus fromCode(String code) {
    for (LotStatus status : values()) {
      if (status.code.equals(code)) {
        return status;
      }
    }
    return null;
  }
}
