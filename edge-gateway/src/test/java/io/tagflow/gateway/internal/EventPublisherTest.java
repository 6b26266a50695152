package io.tagflow.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagflow.gateway.delivery.FileOutbox;
import io.tagflow.gateway.delivery.MqttPublisher;
import io.tagflow.gateway.delivery.MqttPublisherOptions;
import io.tagflow.gateway.delivery.OutboxEntry;
import io.tagflow.gateway.delivery.OutboxWriter;
import io.tagflow.gateway.pipeline.Direction;
import io.tagflow.gateway.pipeline.LocationDecision;
import io.tagflow.gateway.pipeline.MovedTag;
import io.tagflow.gateway.pipeline.MovementDecision;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventPublisherTest {
  private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
  private static final String EPC = "3074257BF7194E4000001A85";

  @TempDir
  Path dir;
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private final EventCodec codec = new EventCodec();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private OutboxWriter writer;

  /**
   * A publisher that is never started: its writer only appends to the outbox, which is what is
   * checked after {@link #stored()}.
   */
  private EventPublisher events(FileOutbox outbox) throws Exception {
    MqttPublisher publisher = MqttPublisher.create(outbox,
        MqttPublisherOptions.builder("tcp://127.0.0.1:1", "unit").build(), registry, clock);
    writer = OutboxWriter.start(publisher);
    return new EventPublisher("s1", "g1", Topics.under("p/"), codec, new EventIds(clock), writer, registry);
  }

  /** Waits until the writer stored (or failed) every event handed to it, and their counts are in. */
  private void stored() {
    assertThat(writer.close(Duration.ofSeconds(10))).isTrue();
  }

  private static MovementDecision movement(String door) {
    MovedTag tag = new MovedTag(EPC, "urn:epc:id:sgtin:0614141.812345.6789", T0, T0.plusSeconds(1), 5, -55.0, 0.9);
    return new MovementDecision(door, Direction.IN, 0.9, T0, T0.plusSeconds(1), null, List.of(tag), 2, 3, 4.5,
        null, "1 tag IN door " + door);
  }

  @Test
  void onMovement_appendsContractEventOnMovementsTopicAndCounts() throws Exception {
    try (FileOutbox outbox = FileOutbox.open(dir, FileOutbox.Settings.defaults(), clock)) {
      events(outbox).onMovement(movement("D1"));
      stored();
      List<OutboxEntry> stored = outbox.read(0, 10);
      assertThat(stored).hasSize(1);
      assertThat(stored.get(0).message().topic()).isEqualTo("p/tagflow/v1/s1/g1/movements");
      assertThat(stored.get(0).message().retained()).isFalse();
      MovementEvent e = codec.decodeMovement(stored.get(0).message().payload());
      assertThat(e.door()).isEqualTo("D1");
      assertThat(e.direction()).isEqualTo(io.tagflow.protocol.event.Direction.IN);
      assertThat(e.evidence().insideReads()).isEqualTo(3);
      assertThat(e.tags()).extracting(t -> t.epc()).containsExactly(EPC);
      assertThat(registry.counter("tagflow.movements", "direction", "IN").count()).isEqualTo(1);
    }
  }

  @Test
  void onLocationChanged_appendsLocationEvent() throws Exception {
    try (FileOutbox outbox = FileOutbox.open(dir, FileOutbox.Settings.defaults(), clock)) {
      events(outbox).onLocationChanged(new LocationDecision(EPC, "urn:epc:raw:96.x" + EPC, "A-01", "A-02", T0, 0.7));
      stored();
      LocationEvent e = codec.decodeLocation(outbox.read(0, 1).get(0).message().payload());
      assertThat(e.bin()).isEqualTo("A-01");
      assertThat(e.from()).isEqualTo("A-02");
    }
  }

  @Test
  void onMovement_outboxFull_isCountedNotThrown() throws Exception {
    try (FileOutbox outbox = FileOutbox.open(dir, new FileOutbox.Settings(1000, 1000, 1000), clock)) {
      outbox.append(io.tagflow.gateway.delivery.OutboxMessage.of("filler", new byte[600]));
      events(outbox).onMovement(movement("D1"));
      stored();
      assertThat(outbox.stats().depth()).isEqualTo(1);
      assertThat(registry.counter("tagflow.events.failed").count()).isEqualTo(1);
      assertThat(registry.counter("tagflow.outbox.rejected").count()).isEqualTo(1);
      assertThat(registry.counter("tagflow.movements", "direction", "IN").count()).isZero();
    }
  }

  @Test
  void onMovement_largerThanRecordLimit_isCountedNotThrown() throws Exception {
    try (FileOutbox outbox = FileOutbox.open(dir, new FileOutbox.Settings(400, 400, 400), clock)) {
      events(outbox).onMovement(movement("D1"));
      stored();
      assertThat(outbox.stats().depth()).isZero();
      assertThat(registry.counter("tagflow.events.failed").count()).isEqualTo(1);
    }
  }

  @Test
  void onMovement_nameOutsideContract_isCountedNotThrown() throws Exception {
    try (FileOutbox outbox = FileOutbox.open(dir, FileOutbox.Settings.defaults(), clock)) {
      events(outbox).onMovement(movement("door with spaces"));
      stored();
      assertThat(outbox.stats().depth()).isZero();
      assertThat(registry.counter("tagflow.events.failed").count()).isEqualTo(1);
    }
  }
}
