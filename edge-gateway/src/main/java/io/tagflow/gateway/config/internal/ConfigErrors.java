package io.tagflow.gateway.config.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.tagflow.gateway.config.ConfigProblem;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jackson's binding failures into one line for the operator: the path inside the file
 * ({@code readers[1].antennas[0].readPoint.side}) and what was expected. This is the configuration's
 * single error boundary; nothing below it prints a stack trace.
 */
public final class ConfigErrors {
  /** "absenceTimeout must be positive" names its setting first. */
  private static final Pattern NAMED = Pattern.compile("([a-z][A-Za-z0-9]*) (must .*)", Pattern.DOTALL);

  private ConfigErrors() {
  }

  /** {@code path: what was expected}, or just the message when there is no path. */
  public static String describe(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException m)) {
      return syntax(e);
    }
    String path = path(m.getPath());
    Throwable cause = rootCause(m);
    if (cause instanceof ConfigProblem p) {
      return join(join(path, p.field()), p.getMessage());
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return join(path, "unknown key \"" + u.getPropertyName() + "\"; expected one of " + known(u.getKnownPropertyIds()));
    }
    if (e instanceof InvalidFormatException f) {
      return join(path, expected(f.getTargetType()) + ", was " + quote(f.getValue()));
    }
    if (cause instanceof IllegalArgumentException iae && iae.getMessage() != null) {
      Matcher named = NAMED.matcher(iae.getMessage());
      if (named.matches()) {
        return join(join(path, named.group(1)), named.group(2));
      }
      return join(path, iae.getMessage());
    }
    if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
      return join(path, expected(mi.getTargetType()));
    }
    return join(path, firstLine(m.getOriginalMessage()));
  }

  private static String syntax(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    return where + "not valid YAML: " + firstLine(e.getOriginalMessage());
  }

  private static Throwable rootCause(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
      if (c instanceof ConfigProblem || c instanceof IllegalArgumentException) {
        return c;
      }
    }
    return c;
  }

  static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String join(String path, String next) {
    if (next == null || next.isEmpty()) {
      return path;
    }
    if (path.isEmpty()) {
      return next;
    }
    if (next.startsWith("[")) {
      return path + next;
    }
    return path + (Character.isLetter(next.charAt(0)) && isKey(next) ? "." : ": ") + next;
  }

  /** Whether {@code s} is a key or key path (as opposed to a message). */
  private static boolean isKey(String s) {
    return s.matches("[A-Za-z][A-Za-z0-9]*(\\[\\d+])*(\\.[A-Za-z][A-Za-z0-9]*(\\[\\d+])*)*");
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "unexpected value";
    }
    if (type.isEnum()) {
      return "expected one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
    }
    if (type == Duration.class) {
      return DurationDeserializer.EXPECTED;
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "expected a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "expected a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "expected true or false";
    }
    if (type == String.class) {
      return "expected a text value";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "expected a list";
    }
    return "expected a mapping of keys (" + type.getSimpleName() + ")";
  }

  private static String known(Collection<Object> ids) {
    return String.join(", ", ids.stream().map(Objects::toString).sorted().toList());
  }

  private static String quote(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
