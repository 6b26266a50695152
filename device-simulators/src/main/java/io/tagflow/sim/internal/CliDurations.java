package io.tagflow.sim.internal;

import java.time.Duration;
import java.util.Locale;

/** Durations on the simulator's command lines. */
public final class CliDurations {
  private CliDurations() {
  }

  /**
   * "90s", "5m", "1h", "250ms", plain seconds ("2.5") or an ISO-8601 duration ("PT90S").
   *
   * @throws IllegalArgumentException naming {@code option} when the text is not a positive duration
   */
  public static Duration parse(String option, String text) {
    Duration d = lenient(text.trim().toLowerCase(Locale.ROOT));
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(option + ": expected a positive time such as 60s, 5m, 1h or PT90S, was '"
          + text + "'");
    }
    return d;
  }

  private static Duration lenient(String t) {
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      } else if (t.endsWith("m")) {
        return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
      } else if (t.endsWith("h")) {
        return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 3600));
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    } catch (RuntimeException e) { // NumberFormatException, DateTimeParseException
      return null;
    }
  }
}
