package io.tagflow.controlplane.store;

/** How movements are stored. Chosen once per database and recorded in its {@code storage_mode} table. */
public enum StorageMode {
  /** TimescaleDB hypertables with compression, retention and a continuous aggregate. */
  TIMESCALE("timescale"),
  /** PostgreSQL 15 declarative range partitions and a plain view in place of the aggregate. */
  PLAIN("plain");

  private final String code;

  StorageMode(String code) {
    this.code = code;
  }

  /** The name stored in {@code storage_mode.mode} and used as the Flyway location. */
  public String code() {
    return code;
  }

  /** The mode stored under this name, or {@code null}. */
  public static StorageMode fromCode(String code) {
    for (StorageMode mode : values()) {
      if (mode.code.equals(code)) {
        return mode;
      }
    }
    return null;
  }
}
