package io.tagflow.gateway.config;

import java.util.regex.Pattern;

/** The id format of the event contract: 1-64 of {@code [A-Za-z0-9._-]}, starting with a letter or digit. */
final class Ids {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Ids() {
  }

  static String check(String field, String value) {
    if (value == null) {
      throw new ConfigProblem(field, "is required");
    }
    if (!ID.matcher(value).matches()) {
      throw new ConfigProblem(field, "expected 1-64 letters, digits, '.', '_' or '-' starting with a letter or digit, was \""
          + value + "\"");
    }
    return value;
  }
}
