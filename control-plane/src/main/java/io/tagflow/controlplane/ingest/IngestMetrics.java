package io.tagflow.controlplane.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tagflow.protocol.event.TopicKind;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Ingest's Micrometer meters, all named {@code tagflow.ingest.*}. */
public final class IngestMetrics {
  /** Why a message became a dead letter: the tag value of {@code tagflow.ingest.dead.letters}. */
  public enum DeadLetterCause {
    /** The topic is not one of the contract's. */
    TOPIC,
    /** The payload is not a valid event ({@link io.tagflow.protocol.event.EventFormatException}). */
    PAYLOAD,
    /** The payload names another site, gateway or reader than its topic. */
    MISMATCH
  }

  /** Name of the counter of movements committed for the first time (duplicates are not counted). */
  public static final String STORED_MOVEMENTS = "tagflow.ingest.movements.stored";

  private final Map<TopicKind, Counter> received = new EnumMap<>(TopicKind.class);
  private final Map<DeadLetterCause, Counter> deadLetters = new EnumMap<>(DeadLetterCause.class);
  private final Counter clearedRetained;
  private final Counter duplicates;
  private final Counter storedMovements;
  private final Counter commitFailures;
  private final Counter ackFailures;
  private final Timer commit;

  public IngestMetrics(MeterRegistry registry) {
    for (TopicKind kind : TopicKind.values()) {
      received.put(kind, Counter.builder("tagflow.ingest.messages").tag("kind", kind.level())
          .description("Messages received, by topic kind").register(registry));
    }
    for (DeadLetterCause cause : DeadLetterCause.values()) {
      deadLetters.put(cause, Counter.builder("tagflow.ingest.dead.letters")
          .tag("cause", cause.name().toLowerCase(Locale.ROOT))
          .description("Messages stored as dead letters, by cause").register(registry));
    }
    clearedRetained = Counter.builder("tagflow.ingest.retained.cleared")
        .description("Empty retained messages (a cleared retained topic), acknowledged and skipped").register(registry);
    duplicates = Counter.builder("tagflow.ingest.duplicates")
        .description("Movements skipped because their id was already stored").register(registry);
    storedMovements = Counter.builder(STORED_MOVEMENTS)
        .description("Movements committed to the store for the first time").register(registry);
    commitFailures = Counter.builder("tagflow.ingest.commit.failures")
        .description("Batch commits that failed and will be retried").register(registry);
    ackFailures = Counter.builder("tagflow.ingest.ack.failures")
        .description("Acknowledgements that could not be sent after a commit").register(registry);
    commit = Timer.builder("tagflow.ingest.commit").description("Batch commit time").register(registry);
  }

  void received(TopicKind kind) {
    received.get(kind).increment();
  }

  void deadLetter(DeadLetterCause cause) {
    deadLetters.get(cause).increment();
  }

  void clearedRetained() {
    clearedRetained.increment();
  }

  void duplicates(int count) {
    duplicates.increment(count);
  }

  void storedMovements(int count) {
    storedMovements.increment(count);
  }

  void commitFailure() {
    commitFailures.increment();
  }

  void ackFailure() {
    ackFailures.increment();
  }

  Timer commitTimer() {
    return commit;
  }

  /** Dead letters so far, of one cause. */
  public double deadLetters(DeadLetterCause cause) {
    return deadLetters.get(cause).count();
  }

  /** Failed commit attempts so far. */
  public double commitFailures() {
    return commitFailures.count();
  }
}
