package io.tagflow.sim.score;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How well a gateway's events match the truth (docs/scenarios.md, "Scoring", defines every figure).
 *
 * @param trueCrossings door crossings in the truth
 * @param movementEvents movement events from the gateway
 * @param matched crossings matched one-to-one with an event
 * @param directionCorrect matched pairs with the right direction
 * @param doorCorrect matched pairs with the right door
 * @param placements bin placements scored (those after time zero)
 * @param placementsCorrect placements whose pallet the gateway located in the right bin
 * @param latencyP50 median of decision time minus crossing time over matched pairs, null when none
 * @param latencyP99 99th percentile (nearest rank), null when none
 * @param findings misses, false events and wrong attributions, in time order, for an engineer to read
 */
public record ScoreReport(int trueCrossings, int movementEvents, int matched, int directionCorrect, int doorCorrect,
                          int placements, int placementsCorrect, Duration latencyP50, Duration latencyP99,
                          List<Finding> findings) {
  public ScoreReport {
    findings = List.copyOf(findings);
  }

  /** One line of explanation. */
  public record Finding(Kind kind, String pallet, String detail) {
  }

  /** What went wrong. */
  public enum Kind { MISSED, FALSE, WRONG_DIRECTION, WRONG_DOOR, WRONG_BIN, NO_LOCATION }

  /** Matched events over all movement events; 1 when there were none and no crossings. */
  public double precision() {
    return ratio(matched, movementEvents, trueCrossings == 0);
  }

  /** Matched crossings over all true crossings. */
  public double recall() {
    return ratio(matched, trueCrossings, movementEvents == 0);
  }

  public double directionAccuracy() {
    return ratio(directionCorrect, matched, true);
  }

  public double doorAccuracy() {
    return ratio(doorCorrect, matched, true);
  }

  public double binAccuracy() {
    return ratio(placementsCorrect, placements, true);
  }

  /** Findings of one kind. */
  public List<Finding> findings(Kind kind) {
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }

  private static double ratio(int num, int den, boolean emptyIsPerfect) {
    return den == 0 ? (emptyIsPerfect ? 1.0 : 0.0) : (double) num / den;
  }

  /** The report as a fixed-width table followed by the findings. */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    String fmt = "%-27s %9s  %s%n";
    sb.append(String.format(Locale.ROOT, fmt, "metric", "value", "detail"));
    sb.append(String.format(Locale.ROOT, fmt, "movement precision", pct(precision()),
        matched + " of " + movementEvents + " events match a true crossing"));
    sb.append(String.format(Locale.ROOT, fmt, "movement recall", pct(recall()),
        matched + " of " + trueCrossings + " crossings found"));
    sb.append(String.format(Locale.ROOT, fmt, "direction accuracy", pct(directionAccuracy()),
        directionCorrect + " of " + matched + " matched"));
    sb.append(String.format(Locale.ROOT, fmt, "door attribution accuracy", pct(doorAccuracy()),
        doorCorrect + " of " + matched + " matched"));
    sb.append(String.format(Locale.ROOT, fmt, "bin location accuracy", pct(binAccuracy()),
        placementsCorrect + " of " + placements + " placements"));
    sb.append(String.format(Locale.ROOT, fmt, "decision latency p50", secs(latencyP50), "decision - crossing"));
    sb.append(String.format(Locale.ROOT, fmt, "decision latency p99", secs(latencyP99), ""));
    if (!findings.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%nfindings (%d):%n", findings.size()));
      for (Finding f : findings) {
        sb.append(String.format(Locale.ROOT, "  %-15s %-18s %s%n", f.kind(), f.pallet(), f.detail()));
      }
    }
    return sb.toString();
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  private static String secs(Duration d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.3f s", d.toNanos() / 1e9);
  }
}
