package io.tagflow.controlplane.anomaly;

import java.util.Locale;

/** How urgently someone should look. */
public enum Severity {
  INFO, WARNING, CRITICAL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
