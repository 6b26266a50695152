package io.tagflow.gateway.config.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in the configuration: {@code 250ms}, {@code 10s}, {@code 5m},
 * {@code 1h}, {@code 2d}, or ISO-8601 ({@code PT10S}). A bare number is refused: its unit would be a guess.
 */
public final class DurationDeserializer extends StdScalarDeserializer<Duration> {
  private static final long serialVersionUID = 1L;
  private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
  public static final String EXPECTED = "expected a duration with a unit, like 250ms, 10s, 5m or 1h";

  public DurationDeserializer() {
    super(Duration.class);
  }

  @Override
  public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      String seen = p.currentToken().isScalarValue() ? p.getText() : p.currentToken().asString();
      return (Duration) ctxt.handleWeirdStringValue(Duration.class, String.valueOf(seen), EXPECTED);
    }
    String text = p.getText().trim();
    Duration d = parse(text);
    if (d == null) {
      return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, EXPECTED);
    }
    return d;
  }

  /** The duration, or null when {@code text} is not one. */
  public static Duration parse(String text) {
    Matcher m = FORMAT.matcher(text);
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1));
      double millis = switch (m.group(2)) {
        case "ms" -> n;
        case "s" -> n * 1_000;
        case "m" -> n * 60_000;
        case "h" -> n * 3_600_000;
        default -> n * 86_400_000;
      };
      return millis > Long.MAX_VALUE / 2 ? null : Duration.ofMillis(Math.round(millis));
    }
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}
