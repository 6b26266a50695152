package io.tagflow.controlplane.model;

import java.util.regex.Pattern;

/** Validation shared by the records: identifiers are short, printable and safe in a URL path segment. */
public final class Ids {
  /** Letters, digits and {@code . _ : -}, 1 to 64 characters. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private Ids() {
  }

  /**
   * Returns {@code value} when it is a valid identifier.
   *
   * @throws IllegalArgumentException naming {@code field} otherwise
   */
  public static String require(String field, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " must be 1-64 characters of letters, digits or . _ : - (got "
          + (value == null ? "nothing" : "'" + abbreviate(value) + "'") + ")");
    }
    return value;
  }

  /** Cuts user input that is echoed in an error message, so a huge value never fills a log or a response. */
  public static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
