package io.tagflow.controlplane.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tagflow.controlplane.anomaly.AnomalyStatus;
import io.tagflow.controlplane.anomaly.AnomalyType;
import io.tagflow.controlplane.anomaly.Severity;
import io.tagflow.controlplane.live.PlaceKind;
import io.tagflow.controlplane.model.Ids;
import io.tagflow.controlplane.model.LotStatus;
import io.tagflow.protocol.event.IsoInstantSerializer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** JSON for the API: one shared mapper (ISO-8601 instants, lower-case control-plane enums). */
public final class Json {
  /** Shared, thread-safe. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      // Instants as JavaTimeModule writes them, without DateTimeFormatter (a movement delta holds 42).
      .addModule(new SimpleModule("tagflow-instants").addSerializer(Instant.class, new IsoInstantSerializer()))
      .addModule(lowerCaseEnums())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  private Json() {
  }

  private static SimpleModule lowerCaseEnums() {
    SimpleModule m = new SimpleModule("tagflow-enums");
    for (Class<? extends Enum<?>> type : List.<Class<? extends Enum<?>>>of(LotStatus.class,
        AnomalyType.class, AnomalyStatus.class, Severity.class, PlaceKind.class)) {
      addLowerCase(m, type);
    }
    return m;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void addLowerCase(SimpleModule m, Class type) {
    m.addSerializer(type, new StdSerializer<Enum<?>>((Class) type) {
      @Override
      public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(value.name().toLowerCase(Locale.ROOT));
      }
    });
  }

  /** The JSON text of a value. */
  public static String encode(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends the response with {@code value} as JSON. */
  public static void send(RoutingContext ctx, int status, Object value) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(encode(value)));
  }

  /** Ends the response with a problem body. */
  public static void send(RoutingContext ctx, Problem problem) {
    ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
        .end(Buffer.buffer(encode(problem)));
  }

  /**
   * The request body as a JSON object whose members are all among {@code members}: a misspelt member
   * ({@code expiry} for {@code expiresOn}) would otherwise be dropped without a word.
   *
   * @throws ApiException 400 naming {@code body} when it is missing, not JSON, or not an object, or
   *     naming the first member that is not one of {@code members}
   */
  public static JsonNode bodyObject(RoutingContext ctx, String... members) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("body", "a JSON object body is required");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw ApiException.badRequest("body", "not valid JSON" + (loc == null ? ""
          : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()));
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("body", "expected a JSON object");
    }
    List<String> known = List.of(members);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        String shown = Ids.abbreviate(name);
        throw ApiException.badRequest(shown, "unknown field '" + shown + "' (expected "
            + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
      }
    }
    return node;
  }
}
