package io.tagflow.bench;

/** Checks of benchmark options, so that a bad value is one clear line, never a stack trace. */
final class BenchOptions {
  private BenchOptions() {
  }

  /** {@code value} as a whole number from {@code min} to {@code max}, or a message naming {@code option}. */
  static int wholeNumber(String option, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be a whole number from " + min + " to " + max + ", got '"
        + value + "'");
  }
}
