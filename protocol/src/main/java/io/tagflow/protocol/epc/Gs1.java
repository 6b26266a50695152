package io.tagflow.protocol.epc;

/** Helpers shared by the GS1 key records: zero padding and the GS1 mod-10 check digit. */
final class Gs1 {
  private Gs1() {
  }

  /**
   * The GS1 check digit of a string of digits (GS1 General Specifications §7.9.1): weights 3 and 1
   * alternate from the rightmost digit, and the check digit brings the sum to a multiple of ten.
   */
  static int checkDigit(CharSequence digits) {
    int sum = 0;
    boolean three = true;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      sum += three ? 3 * d : d;
      three = !three;
    }
    return (10 - sum % 10) % 10;
  }

  /** {@code value} in decimal, left-padded with zeros to {@code digits} (empty for 0 digits). */
  static String pad(long value, int digits) {
    if (digits == 0) {
      return "";
    }
    String s = Long.toString(value);
    return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
  }

  static void requireDigits(String name, String value, int min, int max) {
    if (value.length() < min || value.length() > max) {
      throw new IllegalArgumentException(name + " must have " + (min == max ? min : min + ".." + max)
          + " digits, got " + value.length() + " (\"" + value + "\")");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException(name + " must be decimal digits, got \"" + value + "\"");
      }
    }
  }

  static void requireFilter(int filter) {
    if (filter < 0 || filter > 7) {
      throw new IllegalArgumentException("filter must be 0..7, got " + filter);
    }
  }
}
