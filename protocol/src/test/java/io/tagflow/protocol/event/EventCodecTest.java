package io.tagflow.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  private final EventCodec codec = new EventCodec();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void decodeMovement_shippedExample_readsEveryField() {
    MovementEvent event = codec.decodeMovement(SchemaFixture.example(TopicKind.MOVEMENTS));

    assertThat(event.schemaVersion()).isEqualTo(1);
    assertThat(event.movementId()).isEqualTo(UUID.fromString("019aa5c2-7c4e-7b1a-9f3e-1c2d3e4f5a6b"));
    assertThat(event.site()).isEqualTo("dc-lyon");
    assertThat(event.door()).isEqualTo("D4");
    assertThat(event.direction()).isEqualTo(Direction.OUT);
    assertThat(event.confidence()).isEqualTo(0.93);
    assertThat(event.startedAt()).isEqualTo(Instant.parse("2026-11-21T08:30:01.250Z"));
    assertThat(event.palletSscc()).isEqualTo("306141411234567892");
    assertThat(event.tags()).hasSize(2);
    assertThat(event.tags().get(0).uri()).isEqualTo("urn:epc:id:sgtin:0614141.812345.6789");
    assertThat(event.tags().get(1).uri()).isNull();
    assertThat(event.tags().get(1).peakRssi()).isEqualTo(-61.0);
    assertThat(event.evidence().outsideReads()).isEqualTo(38);
    assertThat(event.evidence().arbitration()).isNull();
  }

  @Test
  void decode_everyShippedExample_decodesAsItsKind() {
    for (TopicKind kind : TopicKind.values()) {
      Event event = codec.decode(kind, SchemaFixture.example(kind));
      assertThat(event.kind()).isEqualTo(kind);
      assertThat(event.site()).isEqualTo("dc-lyon");
    }
  }

  @Test
  void encode_instants_areIsoStringsInUtc() {
    GatewayHealthEvent event = GatewayHealthEvent.of("s", "g", GatewayStatus.OFFLINE,
        Instant.parse("2026-11-21T08:30:00.125Z"), null);

    String text = new String(codec.encode(event), StandardCharsets.UTF_8);

    assertThat(text).contains("\"at\":\"2026-11-21T08:30:00.125Z\"").contains("\"status\":\"OFFLINE\"")
        .contains("\"schemaVersion\":1");
  }

  @Test
  void decodeMovement_unknownFields_areIgnored() {
    byte[] payload = movementWith(root -> {
      root.put("addedInAFutureMinor", "x");
      ((ObjectNode) root.get("tags").get(0)).putObject("antenna").put("port", 2);
    });

    assertThat(codec.decodeMovement(payload).door()).isEqualTo("D4");
  }

  @Test
  void decodeMovement_optionalFieldsAbsent_areNull() {
    byte[] payload = movementWith(root -> {
      root.remove("palletSscc");
      ((ObjectNode) root.get("tags").get(0)).remove("uri");
    });

    MovementEvent event = codec.decodeMovement(payload);
    assertThat(event.palletSscc()).isNull();
    assertThat(event.tags().get(0).uri()).isNull();
  }

  @Test
  void decodeMovement_peakRssiString_namesTagIndexAndField() {
    byte[] payload = movementWith(root -> {
      ArrayNode tags = (ArrayNode) root.get("tags");
      tags.add(((ObjectNode) tags.get(0).deepCopy()).put("epc", "AAAA"));
      tags.add(((ObjectNode) tags.get(0).deepCopy()).put("epc", "BBBB"));
      ((ObjectNode) tags.get(3)).put("peakRssi", "x");
    });

    assertError(payload, "tags[3].peakRssi", "expected a number, got \"x\"");
  }

  @Test
  void decodeMovement_missingMovementId_saysMissing() {
    assertError(movementWith(root -> root.remove("movementId")), "movementId", "missing");
  }

  @Test
  void decodeMovement_nullMovementId_saysMissing() {
    assertError(movementWith(root -> root.putNull("movementId")), "movementId", "missing");
  }

  @Test
  void decodeMovement_missingPrimitive_saysMissingRatherThanZero() {
    assertError(movementWith(root -> ((ObjectNode) root.get("tags").get(1)).remove("reads")), "tags[1].reads", "missing");
    assertError(movementWith(root -> root.remove("confidence")), "confidence", "missing");
  }

  @Test
  void decodeMovement_nullPrimitive_saysExpectedNumber() {
    assertError(movementWith(root -> root.putNull("confidence")), "confidence", "expected a number, got null");
  }

  @Test
  void decodeMovement_confidenceOutOfRange_namesRange() {
    assertError(movementWith(root -> root.put("confidence", 1.5)), "confidence", "expected a number in 0..1, got 1.5");
  }

  @Test
  void decodeMovement_numberAsString_isNotCoerced() {
    assertError(movementWith(root -> root.put("confidence", "0.5")), "confidence", "expected a number, got \"0.5\"");
  }

  @Test
  void decodeMovement_fractionalReads_isRefused() {
    assertError(movementWith(root -> ((ObjectNode) root.get("tags").get(0)).put("reads", 1.5)), "tags[0].reads",
        "expected an integer, got 1.5");
  }

  @Test
  void decodeMovement_numberAsSite_isNotCoerced() {
    assertError(movementWith(root -> root.put("site", 42)), "site", "expected a string, got 42");
  }

  @Test
  void decodeMovement_badUuid_saysExpectedUuid() {
    assertError(movementWith(root -> root.put("movementId", "not-a-uuid")), "movementId",
        "expected a UUID, got \"not-a-uuid\"");
  }

  @Test
  void decodeMovement_uuidV4_isRefused() {
    assertError(movementWith(root -> root.put("movementId", "8a6e0804-2bd0-4672-b79d-d97027f9071a")), "movementId",
        "expected a UUIDv7 (RFC 9562), got version 4");
  }

  @Test
  void decodeMovement_unknownDirection_listsTheChoices() {
    assertError(movementWith(root -> root.put("direction", "SIDEWAYS")), "direction",
        "expected one of IN, OUT, got \"SIDEWAYS\"");
  }

  @Test
  void decodeMovement_epochNumberInstant_isRefused() {
    assertError(movementWith(root -> root.put("startedAt", 1763713800)), "startedAt",
        "expected an ISO-8601 instant such as \"2026-11-21T08:30:00Z\", got 1763713800");
  }

  @Test
  void decodeMovement_badInstantText_isRefused() {
    assertError(movementWith(root -> ((ObjectNode) root.get("tags").get(1)).put("lastSeen", "yesterday")),
        "tags[1].lastSeen", "expected an ISO-8601 instant such as \"2026-11-21T08:30:00Z\", got \"yesterday\"");
  }

  @Test
  void decodeMovement_endBeforeStart_namesBothFields() {
    assertError(movementWith(root -> root.put("endedAt", "2026-11-21T08:00:00Z")), "endedAt",
        "must not be before startedAt (2026-11-21T08:00:00Z < 2026-11-21T08:30:01.250Z)");
  }

  @Test
  void decodeMovement_sameEpcTwice_namesBothIndexes() {
    assertError(movementWith(root -> {
      ArrayNode tags = (ArrayNode) root.get("tags");
      tags.add(((ObjectNode) tags.get(0).deepCopy()).put("epc", "3074257bf7194e4000001a85"));
    }), "tags[2].epc", "duplicate of tags[0].epc");
  }

  @Test
  void decodeMovement_noTags_isRefused() {
    assertError(movementWith(root -> root.putArray("tags")), "tags", "expected 1..10000 entries, got 0");
  }

  @Test
  void decodeMovement_tagsNotAnArray_saysExpectedArray() {
    assertError(movementWith(root -> root.put("tags", "none")), "tags", "expected an array, got \"none\"");
  }

  @Test
  void decodeMovement_badEpcHex_isRefused() {
    assertError(movementWith(root -> ((ObjectNode) root.get("tags").get(0)).put("epc", "30742")), "tags[0].epc",
        "expected 4 to 124 hex digits in whole 16-bit words, got \"30742\"");
  }

  @Test
  void decodeMovement_siteWithTopicWildcard_isRefused() {
    assertError(movementWith(root -> root.put("site", "dc/+")), "site",
        "expected 1-64 characters [A-Za-z0-9._-] starting with a letter or digit, got \"dc/+\"");
  }

  @Test
  void decodeMovement_newerMajorVersion_isRefused() {
    assertError(movementWith(root -> root.put("schemaVersion", 2)), "schemaVersion", "expected 1, got 2");
  }

  @Test
  void decodeMovement_arrayAtRoot_saysExpectedObject() {
    assertError("[1,2]".getBytes(StandardCharsets.UTF_8), "payload", "expected an object, got an array");
  }

  @Test
  void decodeMovement_malformedJson_givesLineAndColumnWithoutSource() {
    EventFormatException e = decodeError("{\"movementId\": }".getBytes(StandardCharsets.UTF_8));

    assertThat(e.path()).isEqualTo("payload");
    assertThat(e.reason()).startsWith("malformed JSON at line 1, column 16: ");
    assertThat(e.getStackTrace()).isEmpty();
  }

  @Test
  void decodeMovement_trailingContent_isRefused() {
    byte[] valid = SchemaFixture.example(TopicKind.MOVEMENTS);
    byte[] doubled = Arrays.copyOf(valid, valid.length * 2);
    System.arraycopy(valid, 0, doubled, valid.length, valid.length);

    assertError(doubled, "payload", "unexpected content after the JSON object");
  }

  @Test
  void decodeMovement_duplicateKey_isRefused() {
    String text = new String(SchemaFixture.example(TopicKind.MOVEMENTS), StandardCharsets.UTF_8)
        .replaceFirst("\"door\": \"D4\"", "\"door\": \"D4\", \"door\": \"D5\"");

    EventFormatException e = decodeError(text.getBytes(StandardCharsets.UTF_8));
    assertThat(e.path()).isEqualTo("payload");
    assertThat(e.reason()).contains("Duplicate field 'door'");
  }

  @Test
  void decodeMovement_deepNesting_isRefusedBeforeBinding() {
    String deep = "{\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}";

    EventFormatException e = decodeError(deep.getBytes(StandardCharsets.UTF_8));
    assertThat(e.path()).isEqualTo("payload");
    assertThat(e.reason()).contains("nesting depth");
  }

  @Test
  void decodeMovement_oversizedPayload_isRefusedBeforeParsing() {
    byte[] huge = new byte[EventSchema.MAX_PAYLOAD_BYTES + 1];
    Arrays.fill(huge, (byte) '{');

    assertError(huge, "payload", "1048577 bytes exceeds the maximum of 1048576");
  }

  @Test
  void decodeMovement_empty_isRefused() {
    assertError(new byte[0], "payload", "empty");
  }

  @Test
  void decodeLocation_movementPayload_namesFirstMissingField() {
    EventFormatException e = assertThrowsFormat(() -> codec.decodeLocation(SchemaFixture.example(TopicKind.MOVEMENTS)));

    assertThat(e.reason()).isEqualTo("missing");
    assertThat(e.path()).isIn("eventId", "epc", "bin", "at");
  }

  private byte[] movementWith(Consumer<ObjectNode> edit) {
    try {
      ObjectNode root = (ObjectNode) json.readTree(SchemaFixture.example(TopicKind.MOVEMENTS));
      edit.accept(root);
      return json.writeValueAsBytes(root);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void assertError(byte[] payload, String path, String reason) {
    EventFormatException e = decodeError(payload);
    assertThat(e.path()).isEqualTo(path);
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.getMessage()).isEqualTo(path + ": " + reason);
  }

  private EventFormatException decodeError(byte[] payload) {
    return assertThrowsFormat(() -> codec.decodeMovement(payload));
  }

  private static EventFormatException assertThrowsFormat(Runnable decode) {
    try {
      decode.run();
    } catch (EventFormatException e) {
      return e;
    }
    throw new AssertionError("expected an EventFormatException");
  }

  @Test
  void builder_missingDoor_namesField() {
    assertThatThrownBy(() -> MovementEvent.builder().movementId(EventIds.system().next()).site("s").gateway("g")
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessage("door: missing");
  }
}
