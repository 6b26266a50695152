package io.tagflow.controlplane.model;

/** Checks the optional map coordinates of bins and doors. */
final class MapPoints {
  /** Coordinates are metres; no site is larger than this. */
  static final double MAX_METRES = 100_000;

  private MapPoints() {
  }

  static void require(String what, Double x, Double y) {
    if ((x == null) != (y == null)) {
      throw new IllegalArgumentException(what + " needs both x and y, or neither");
    }
    if (x != null && (!inRange(x) || !inRange(y))) {
      throw new IllegalArgumentException(what + " must be placed within 0.." + (long) MAX_METRES
          + " metres (got x=" + x + ", y=" + y + ")");
    }
  }

  private static boolean inRange(double v) {
    return v >= 0 && v <= MAX_METRES;
  }
}
