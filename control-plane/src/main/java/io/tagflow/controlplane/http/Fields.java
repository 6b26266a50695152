package io.tagflow.controlplane.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagflow.controlplane.model.Ids;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Reads request fields (body members, query and path parameters), each failure a 400 naming the field.
 * Null handling: "optional" readers return null when the field is absent or JSON null.
 */
final class Fields {
  private static final int MAX_TEXT = 500;
  private static final int MAX_WHO = 100;

  private Fields() {
  }

  static String requiredText(JsonNode body, String field) {
    String s = optionalText(body, field);
    if (s == null || s.isBlank()) {
      throw ApiException.badRequest(field, field + " is required");
    }
    return s;
  }

  static String optionalText(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ApiException.badRequest(field, field + " must be a string");
    }
    if (n.asText().length() > MAX_TEXT) {
      throw ApiException.badRequest(field, field + " must be at most " + MAX_TEXT + " characters");
    }
    return n.asText();
  }

  /** Who makes a change: the body's {@code by}, required, at most 100 characters. */
  static String who(JsonNode body) {
    String by = requiredText(body, "by");
    if (by.length() > MAX_WHO) {
      throw ApiException.badRequest("by", "by must be at most " + MAX_WHO + " characters");
    }
    return by;
  }

  static String requiredId(JsonNode body, String field) {
    return id(field, requiredText(body, field));
  }

  /** A path parameter that must be an identifier. */
  static String pathId(RoutingContext ctx, String name) {
    return id(name, ctx.pathParam(name));
  }

  static String id(String field, String value) {
    return parse(field, value, v -> Ids.require(field, v));
  }

  static int requiredPositiveInt(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() <= 0) {
      throw ApiException.badRequest(field, field + " must be a positive whole number");
    }
    return n.asInt();
  }

  static LocalDate optionalDate(JsonNode body, String field) {
    String s = optionalText(body, field);
    return s == null ? null : parse(field, s, v -> {
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(field + " must be a date like 2026-12-31 (got '" + Ids.abbreviate(v) + "')");
      }
    });
  }

  static Instant optionalInstant(String field, String value) {
    return value == null ? null : parse(field, value, v -> {
      try {
        return Instant.parse(v);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(field + " must be an ISO-8601 instant like 2026-11-21T08:00:00Z (got '"
            + Ids.abbreviate(v) + "')");
      }
    });
  }

  /** A query parameter limit in 1..max, or {@code def} when absent. */
  static int limit(RoutingContext ctx, int def, int max) {
    String s = ctx.queryParams().get("limit");
    if (s == null) {
      return def;
    }
    try {
      int n = Integer.parseInt(s);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("limit", "limit must be a whole number from 1 to " + max);
  }

  /** Applies a parser whose IllegalArgumentException becomes a 400 naming {@code field}. */
  static <T> T parse(String field, String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(field, e.getMessage());
    }
  }
}
