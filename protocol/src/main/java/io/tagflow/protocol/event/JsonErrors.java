package io.tagflow.protocol.event;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jackson's exceptions into one {@link EventFormatException} with a field path and a short
 * reason. Jackson's messages name Java types and source excerpts; a producer's developer needs the
 * JSON field and what the contract expects there instead.
 */
final class JsonErrors {
  private static final Pattern MISSING = Pattern.compile("Missing required creator property '([^']+)'");

  private JsonErrors() {
  }

  static EventFormatException translate(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return new EventFormatException("payload", firstLine(e.getOriginalMessage()));
    }
    if (e instanceof JsonParseException) {
      var at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      return new EventFormatException("payload", "malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    }
    if (!(e instanceof JsonMappingException)) {
      return new EventFormatException("payload", firstLine(e.getOriginalMessage()));
    }
    JsonMappingException mapping = (JsonMappingException) e;
    String path = path(mapping.getPath());
    if (mapping instanceof ValueInstantiationException && mapping.getCause() instanceof IllegalArgumentException) {
      // The records' compact constructors say "<component>: <reason>".
      String message = String.valueOf(mapping.getCause().getMessage());
      int colon = message.indexOf(": ");
      return colon > 0
          ? new EventFormatException(join(path, message.substring(0, colon)), message.substring(colon + 2))
          : new EventFormatException(orPayload(path), message);
    }
    Matcher missing = MISSING.matcher(String.valueOf(mapping.getOriginalMessage()));
    if (missing.find()) {
      // Jackson puts the missing property at the end of the path already; older versions did not.
      String field = missing.group(1);
      boolean named = path.equals(field) || path.endsWith("." + field);
      return new EventFormatException(named ? path : join(path, field), "missing");
    }
    if (mapping instanceof InvalidFormatException) {
      InvalidFormatException format = (InvalidFormatException) mapping;
      return new EventFormatException(orPayload(path),
          "expected " + expected(format.getTargetType()) + ", got " + describe(format.getValue()));
    }
    if (mapping instanceof MismatchedInputException) {
      MismatchedInputException mismatch = (MismatchedInputException) mapping;
      if (mismatch.getOriginalMessage() != null && mismatch.getOriginalMessage().startsWith("Trailing token")) {
        return new EventFormatException("payload", "unexpected content after the JSON object");
      }
      return new EventFormatException(orPayload(path),
          "expected " + expected(mismatch.getTargetType()) + ", got " + current(mismatch.getProcessor()));
    }
    return new EventFormatException(orPayload(path), firstLine(mapping.getOriginalMessage()));
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + '.' + field;
  }

  private static String orPayload(String path) {
    return path.isEmpty() ? "payload" : path;
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "a value";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Instant.class) {
      return "an ISO-8601 instant such as \"2026-11-21T08:30:00Z\"";
    }
    if (type == UUID.class) {
      return "a UUID";
    }
    if (type.isEnum()) {
      StringBuilder names = new StringBuilder("one of");
      for (Object constant : type.getEnumConstants()) {
        names.append(names.length() == 6 ? " " : ", ").append(constant);
      }
      return names.toString();
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String describe(Object value) {
    return value instanceof String ? Checks.quote((String) value) : String.valueOf(value);
  }

  private static String current(Object processor) {
    if (!(processor instanceof JsonParser)) {
      return "something else";
    }
    JsonParser parser = (JsonParser) processor;
    JsonToken token = parser.currentToken();
    if (token == null) {
      return "nothing";
    }
    try {
      switch (token) {
        case VALUE_STRING:
          return Checks.quote(parser.getText());
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
        case VALUE_TRUE:
        case VALUE_FALSE:
        case VALUE_NULL:
          return parser.getText();
        case START_OBJECT:
        case FIELD_NAME:
          return "an object";
        case START_ARRAY:
          return "an array";
        default:
          return "the end of " + (token == JsonToken.END_ARRAY ? "an array" : "an object");
      }
    } catch (IOException e) {
      return "an unreadable value";
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
