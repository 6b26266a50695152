package io.tagflow.protocol.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;

/**
 * Encodes and decodes the contract's events as JSON (docs/events.md), with one configured Jackson
 * mapper:
 * <ul>
 *   <li>instants are ISO-8601 strings in UTC ({@code 2026-11-21T08:30:00.125Z}); numbers are refused;</li>
 *   <li>unknown fields are ignored, so a consumer reads events from newer producers of the same major
 *       version; every field not marked {@link Nullable} is required;</li>
 *   <li>no coercion between strings, numbers and booleans; duplicate keys and trailing content are
 *       errors;</li>
 *   <li>payloads over {@link EventSchema#MAX_PAYLOAD_BYTES} are rejected before parsing, and nesting is
 *       bounded, so a hostile payload costs bounded memory and time.</li>
 * </ul>
 * Every decode failure is one {@link EventFormatException} naming the field path and what was
 * expected, e.g. {@code tags[3].peakRssi: expected a number, got "x"}.
 *
 * <p>Thread-safe; share one instance.
 */
public final class EventCodec {
  private static final int MAX_NESTING_DEPTH = 16;

  private final ObjectMapper mapper;
  private final ObjectReader movementReader;
  private final ObjectReader locationReader;
  private final ObjectReader readerStatusReader;
  private final ObjectReader healthReader;

  public EventCodec() {
    this.mapper = newMapper();
    this.movementReader = mapper.readerFor(MovementEvent.class);
    this.locationReader = mapper.readerFor(LocationEvent.class);
    this.readerStatusReader = mapper.readerFor(ReaderStatusEvent.class);
    this.healthReader = mapper.readerFor(GatewayHealthEvent.class);
  }

  /** The UTF-8 JSON of an event. */
  public byte[] encode(Event event) {
    try {
      return mapper.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      // The records hold only strings, numbers, instants, UUIDs and enums: this cannot happen.
      throw new IllegalStateException("cannot encode " + event.getClass().getSimpleName(), e);
    }
  }

  /** @throws EventFormatException naming the field that is missing or wrong */
  public MovementEvent decodeMovement(byte[] payload) {
    return read(movementReader, payload);
  }

  /** @throws EventFormatException naming the field that is missing or wrong */
  public LocationEvent decodeLocation(byte[] payload) {
    return read(locationReader, payload);
  }

  /** @throws EventFormatException naming the field that is missing or wrong */
  public ReaderStatusEvent decodeReaderStatus(byte[] payload) {
    return read(readerStatusReader, payload);
  }

  /** @throws EventFormatException naming the field that is missing or wrong */
  public GatewayHealthEvent decodeGatewayHealth(byte[] payload) {
    return read(healthReader, payload);
  }

  /**
   * Decodes the event type that {@code kind} carries.
   *
   * @throws EventFormatException naming the field that is missing or wrong
   */
  public Event decode(TopicKind kind, byte[] payload) {
    switch (kind) {
      case MOVEMENTS:
        return decodeMovement(payload);
      case LOCATIONS:
        return decodeLocation(payload);
      case READER_STATUS:
        return decodeReaderStatus(payload);
      case HEALTH:
        return decodeGatewayHealth(payload);
      default:
        throw new IllegalArgumentException("kind: " + kind);
    }
  }

  private static <T> T read(ObjectReader reader, byte[] payload) {
    if (payload == null || payload.length == 0) {
      throw new EventFormatException("payload", "empty");
    }
    if (payload.length > EventSchema.MAX_PAYLOAD_BYTES) {
      throw new EventFormatException("payload", payload.length + " bytes exceeds the maximum of "
          + EventSchema.MAX_PAYLOAD_BYTES);
    }
    try {
      return reader.readValue(payload);
    } catch (JsonProcessingException e) {
      throw JsonErrors.translate(e);
    } catch (IOException e) {
      // Reading from a byte array does no I/O; Jackson declares IOException for streams.
      throw new EventFormatException("payload", "unreadable: " + e.getMessage());
    }
  }

  private static ObjectMapper newMapper() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(EventSchema.MAX_PAYLOAD_BYTES)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    SimpleModule strictInstants = new SimpleModule("tagflow-instants")
        .addDeserializer(Instant.class, new StrictInstantDeserializer())
        .addSerializer(Instant.class, new IsoInstantSerializer());
    JsonMapper mapper = JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .addModule(strictInstants)
        .annotationIntrospector(new RequiredUnlessNullable())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    for (LogicalType numeric : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
      mapper.coercionConfigFor(numeric).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    for (CoercionInputShape scalar : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
        CoercionInputShape.Boolean}) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
    }
    return mapper;
  }

  /**
   * Makes every creator property of the contract's records required unless it is {@link Nullable}
   * (see package-info), so the records need no {@code @JsonProperty(required = true)} on each component.
   */
  private static final class RequiredUnlessNullable extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean hasRequiredMarker(AnnotatedMember member) {
      if (member.getDeclaringClass().isRecord()
          && member.getDeclaringClass().getPackageName().equals(EventCodec.class.getPackageName())) {
        return !member.hasAnnotation(Nullable.class);
      }
      return super.hasRequiredMarker(member);
    }
  }
}
