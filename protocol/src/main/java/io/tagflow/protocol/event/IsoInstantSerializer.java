package io.tagflow.protocol.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes an instant as the JSON string {@link Instant#toString()} gives (what Jackson's JavaTimeModule
 * writes with {@code WRITE_DATES_AS_TIMESTAMPS} off), through {@link IsoInstants#format}: a movement of
 * 20 tags carries 42 instants, written on every live-feed push and every gateway publish.
 */
public final class IsoInstantSerializer extends StdScalarSerializer<Instant> {
  private static final long serialVersionUID = 1L;

  public IsoInstantSerializer() {
    super(Instant.class);
  }

  @Override
  public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    gen.writeString(IsoInstants.format(value));
  }
}
