package io.tagflow.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shipped JSON Schemas accept the shipped examples and refuse what the codec refuses. */
class EventSchemaFilesTest {
  private final SchemaFixture schemas = new SchemaFixture();

  @Test
  void validate_everyShippedExample_hasNoErrors() {
    for (TopicKind kind : TopicKind.values()) {
      assertThat(schemas.validate(kind, SchemaFixture.example(kind))).as(kind.name()).isEmpty();
    }
  }

  @Test
  void validate_movementWithoutMovementId_reportsIt() {
    String text = new String(SchemaFixture.example(TopicKind.MOVEMENTS), StandardCharsets.UTF_8)
        .replace("\"movementId\"", "\"movementIdentifier\"");

    assertThat(schemas.validate(TopicKind.MOVEMENTS, text.getBytes(StandardCharsets.UTF_8)))
        .anySatisfy(message -> assertThat(message).contains("movementId"));
  }

  @Test
  void validate_movementWithStringRssi_reportsIt() {
    String text = new String(SchemaFixture.example(TopicKind.MOVEMENTS), StandardCharsets.UTF_8)
        .replace("\"peakRssi\": -48.5", "\"peakRssi\": \"x\"");

    assertThat(schemas.validate(TopicKind.MOVEMENTS, text.getBytes(StandardCharsets.UTF_8)))
        .anySatisfy(message -> assertThat(message).contains("peakRssi"));
  }

  @Test
  void validate_healthWithUnknownStatus_reportsIt() {
    String text = new String(SchemaFixture.example(TopicKind.HEALTH), StandardCharsets.UTF_8)
        .replace("\"ONLINE\"", "\"MAYBE\"");

    assertThat(schemas.validate(TopicKind.HEALTH, text.getBytes(StandardCharsets.UTF_8)))
        .anySatisfy(message -> assertThat(message).contains("status"));
  }

  @Test
  void validate_locationWithUuidV4_reportsIt() {
    String text = new String(SchemaFixture.example(TopicKind.LOCATIONS), StandardCharsets.UTF_8)
        .replace("019aa5c2-8d10-7e2f-8a11-223344556677", "8a6e0804-2bd0-4672-b79d-d97027f9071a");

    assertThat(schemas.validate(TopicKind.LOCATIONS, text.getBytes(StandardCharsets.UTF_8)))
        .anySatisfy(message -> assertThat(message).contains("eventId"));
  }
}
