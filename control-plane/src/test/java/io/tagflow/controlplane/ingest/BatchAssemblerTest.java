package io.tagflow.controlplane.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagflow.controlplane.EventFixtures;
import io.tagflow.controlplane.ingest.IngestMetrics.DeadLetterCause;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.GatewayHealthEvent;
import io.tagflow.protocol.event.GatewayStatus;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.ReaderState;
import io.tagflow.protocol.event.ReaderStatusEvent;
import io.tagflow.protocol.event.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {
  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  private final Topics topics = Topics.standard();
  private final EventCodec codec = new EventCodec();
  private final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
  private final BatchAssembler assembler = new BatchAssembler(topics, codec, metrics, 3, Duration.ofMillis(50));
  private final EventFixtures events = new EventFixtures(T0);
  private int nextId = 1;

  @Test
  void add_validEventsOfEachKind_landInTheirLists() {
    MovementEvent movement = events.movement("D1", Direction.IN, EventFixtures.epc(1));
    ReaderStatusEvent status = ReaderStatusEvent.of(EventFixtures.SITE, EventFixtures.GATEWAY, "r1",
        ReaderState.CONNECTED, T0, null);

    assembler.add(message(topics.movements(EventFixtures.SITE, EventFixtures.GATEWAY), codec.encode(movement), T0));
    assembler.add(message(topics.readerStatus(EventFixtures.SITE, EventFixtures.GATEWAY, "r1"), codec.encode(status), T0));
    PendingBatch batch = assembler.drain();

    assertThat(batch.batch().movements()).containsExactly(movement);
    assertThat(batch.batch().readerStatuses()).containsExactly(status);
    assertThat(batch.batch().deadLetters()).isEmpty();
    assertThat(batch.messages()).extracting(InboundMessage::messageId).containsExactly(1, 2);
    assertThat(assembler.isEmpty()).isTrue();
  }

  @Test
  void add_badPayload_becomesDeadLetterWithFieldPathAndRawBytes() {
    byte[] raw = "{\"schemaVersion\":1,\"movementId\":\"nope\"}".getBytes(StandardCharsets.UTF_8);
    String topic = topics.movements(EventFixtures.SITE, EventFixtures.GATEWAY);

    assembler.add(message(topic, raw, T0));
    PendingBatch batch = assembler.drain();

    assertThat(batch.batch().deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.reason()).isEqualTo("movementId: expected a UUID, got \"nope\"");
      assertThat(d.topic()).isEqualTo(topic);
      assertThat(d.payload()).isEqualTo(raw);
      assertThat(d.receivedAt()).isEqualTo(T0);
    });
    assertThat(batch.messages()).hasSize(1);
    assertThat(metrics.deadLetters(DeadLetterCause.PAYLOAD)).isEqualTo(1);
  }

  @Test
  void add_unknownTopic_becomesDeadLetterNamingTopic() {
    assembler.add(message("tagflow/v1/dc-lyon/gw-01/moves", new byte[] {1, 2}, T0));

    assertThat(assembler.drain().batch().deadLetters()).singleElement().satisfies(d -> assertThat(d.reason())
        .startsWith("topic: unknown kind \"moves\""));
    assertThat(metrics.deadLetters(DeadLetterCause.TOPIC)).isEqualTo(1);
  }

  @Test
  void add_payloadOfAnotherGateway_becomesDeadLetter() {
    MovementEvent movement = events.movement("D1", Direction.OUT, EventFixtures.epc(1));

    assembler.add(message(topics.movements(EventFixtures.SITE, "gw-02"), codec.encode(movement), T0));

    assertThat(assembler.drain().batch().deadLetters()).singleElement().satisfies(d -> assertThat(d.reason())
        .isEqualTo("gateway: topic says \"gw-02\", payload says \"gw-01\""));
    assertThat(metrics.deadLetters(DeadLetterCause.MISMATCH)).isEqualTo(1);
  }

  @Test
  void add_emptyRetainedHealth_isSkippedButStillAcknowledged() {
    assembler.add(message(topics.health(EventFixtures.SITE, EventFixtures.GATEWAY), new byte[0], T0));
    PendingBatch batch = assembler.drain();

    assertThat(batch.batch().size()).isZero();
    assertThat(batch.messages()).hasSize(1);
  }

  @Test
  void add_oversizedPayload_deadLetterKeepsBoundedBytes() {
    byte[] huge = new byte[BatchAssembler.MAX_DEAD_LETTER_BYTES + 10];

    assembler.add(message(topics.locations(EventFixtures.SITE, EventFixtures.GATEWAY), huge, T0));

    assertThat(assembler.drain().batch().deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.payload()).hasSize(BatchAssembler.MAX_DEAD_LETTER_BYTES);
      assertThat(d.reason()).startsWith("payload: 1048586 bytes exceeds the maximum of 1048576")
          .endsWith("(payload truncated to 1048576 of 1048586 bytes)");
    });
  }

  @Test
  void isDue_beforeAndAfterLinger_followsFirstMessageTime() {
    GatewayHealthEvent health = GatewayHealthEvent.of(EventFixtures.SITE, EventFixtures.GATEWAY, GatewayStatus.ONLINE,
        T0, "1");
    assertThat(assembler.isDue(T0)).isFalse();

    assembler.add(message(topics.health(EventFixtures.SITE, EventFixtures.GATEWAY), codec.encode(health), T0));
    assembler.add(message(topics.health(EventFixtures.SITE, EventFixtures.GATEWAY), codec.encode(health),
        T0.plusMillis(40)));

    assertThat(assembler.isDue(T0.plusMillis(49))).isFalse();
    assertThat(assembler.isDue(T0.plusMillis(50))).isTrue();
    assertThat(assembler.deadline()).isEqualTo(T0.plusMillis(50));
  }

  @Test
  void isFull_atMaxSize_isDueImmediately() {
    for (int i = 0; i < 3; i++) {
      assembler.add(message("bad/topic", new byte[] {1}, T0));
    }

    assertThat(assembler.isFull()).isTrue();
    assertThat(assembler.room()).isZero();
    assertThat(assembler.isDue(T0)).isTrue();
  }

  private InboundMessage message(String topic, byte[] payload, Instant at) {
    return new InboundMessage(topic, payload, nextId++, 1, false, at);
  }
}
