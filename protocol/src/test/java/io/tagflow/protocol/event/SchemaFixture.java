package io.tagflow.protocol.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Loads the shipped JSON Schemas from the classpath, as a consumer in another language would read them. */
final class SchemaFixture {
  static final Map<TopicKind, String> NAMES = Map.of(TopicKind.MOVEMENTS, "movement", TopicKind.LOCATIONS, "location",
      TopicKind.READER_STATUS, "reader-status", TopicKind.HEALTH, "gateway-health");

  private final ObjectMapper json = new ObjectMapper();
  private final Map<TopicKind, JsonSchema> schemas = new EnumMap<>(TopicKind.class);

  SchemaFixture() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    for (TopicKind kind : TopicKind.values()) {
      try (InputStream in = resource(NAMES.get(kind) + ".schema.json")) {
        schemas.put(kind, factory.getSchema(in, config));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The validation errors of a payload, empty when it is valid. */
  Set<String> validate(TopicKind kind, byte[] payload) {
    try {
      Set<ValidationMessage> errors = schemas.get(kind).validate(json.readTree(payload));
      return errors.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shipped example payload of a kind. */
  static byte[] example(TopicKind kind) {
    try (InputStream in = resource("examples/" + NAMES.get(kind) + ".json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = EventCodec.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource " + name);
    }
    return in;
  }
}
