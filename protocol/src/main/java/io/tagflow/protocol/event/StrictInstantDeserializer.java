package io.tagflow.protocol.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads instants only from ISO-8601 strings with an offset ({@code 2026-11-21T08:30:00Z},
 * {@code 2026-11-21T09:30:00+01:00}). Jackson's own deserializer also takes numbers, whose unit
 * (seconds? milliseconds?) a producer could get wrong without anyone noticing. The texts accepted and
 * their values are those of {@link java.time.OffsetDateTime#parse}; {@link IsoInstants} reads the usual
 * UTC form without the general formatter.
 */
final class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {
  private static final long serialVersionUID = 1L;

  StrictInstantDeserializer() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
    }
    // The parser's own buffer: no String per instant on the common path (IsoInstants).
    try {
      return IsoInstants.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    } catch (DateTimeParseException e) {
      return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), "not an ISO-8601 instant");
    }
  }
}
