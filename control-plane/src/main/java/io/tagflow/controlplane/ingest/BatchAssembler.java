package io.tagflow.controlplane.ingest;

import io.tagflow.controlplane.ingest.IngestMetrics.DeadLetterCause;
import io.tagflow.controlplane.store.DeadLetter;
import io.tagflow.controlplane.store.EventBatch;
import io.tagflow.protocol.event.Event;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.EventFormatException;
import io.tagflow.protocol.event.EventSchema;
import io.tagflow.protocol.event.GatewayHealthEvent;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.ReaderStatusEvent;
import io.tagflow.protocol.event.TopicAddress;
import io.tagflow.protocol.event.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Collects arriving messages into the next batch: parses the topic, decodes the payload, checks that
 * the payload belongs to its topic, and turns every failure into a dead letter with the reason. A
 * batch is full at {@code maxSize} messages and due {@code linger} after its first message.
 *
 * <p>This is the ingest error boundary for bad input: nothing here throws for a bad message, so one
 * gateway's bad payload never holds up another's events. Not thread-safe: one ingest thread owns it.
 */
public final class BatchAssembler {
  /** Dead letters keep at most this many bytes of a payload (larger payloads are refused anyway). */
  static final int MAX_DEAD_LETTER_BYTES = EventSchema.MAX_PAYLOAD_BYTES;

  private final Topics topics;
  private final EventCodec codec;
  private final IngestMetrics metrics;
  private final int maxSize;
  private final Duration linger;

  private final List<InboundMessage> messages = new ArrayList<>();
  private final List<MovementEvent> movements = new ArrayList<>();
  private final List<LocationEvent> locations = new ArrayList<>();
  private final List<ReaderStatusEvent> readerStatuses = new ArrayList<>();
  private final List<GatewayHealthEvent> health = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private Instant firstAt;

  public BatchAssembler(Topics topics, EventCodec codec, IngestMetrics metrics, int maxSize, Duration linger) {
    this.topics = topics;
    this.codec = codec;
    this.metrics = metrics;
    this.maxSize = maxSize;
    this.linger = linger;
  }

  /** Adds a message to the batch; never throws for bad input. */
  public void add(InboundMessage message) {
    if (messages.isEmpty()) {
      firstAt = message.receivedAt();
    }
    messages.add(message);
    TopicAddress address;
    try {
      address = topics.parse(message.topic());
    } catch (EventFormatException e) {
      deadLetter(message, e.getMessage(), DeadLetterCause.TOPIC);
      return;
    }
    metrics.received(address.kind());
    if (message.payload().length == 0 && address.kind().retained()) {
      // An empty retained PUBLISH clears the topic's retained message (MQTT 5 §3.3.1.3): not an event.
      metrics.clearedRetained();
      return;
    }
    Event event;
    try {
      event = codec.decode(address.kind(), message.payload());
    } catch (EventFormatException e) {
      deadLetter(message, e.getMessage(), DeadLetterCause.PAYLOAD);
      return;
    }
    String mismatch = mismatch(address, event);
    if (mismatch != null) {
      deadLetter(message, mismatch, DeadLetterCause.MISMATCH);
      return;
    }
    if (event instanceof MovementEvent) {
      movements.add((MovementEvent) event);
    } else if (event instanceof LocationEvent) {
      locations.add((LocationEvent) event);
    } else if (event instanceof ReaderStatusEvent) {
      readerStatuses.add((ReaderStatusEvent) event);
    } else {
      health.add((GatewayHealthEvent) event);
    }
  }

  /** Whether the batch holds no message. */
  public boolean isEmpty() {
    return messages.isEmpty();
  }

  /** How many messages the batch holds. */
  public int size() {
    return messages.size();
  }

  /** Whether the batch reached its size limit. */
  public boolean isFull() {
    return messages.size() >= maxSize;
  }

  /** Room left before the batch is full. */
  public int room() {
    return Math.max(0, maxSize - messages.size());
  }

  /** When the batch must be committed even if not full; null when it is empty. */
  public Instant deadline() {
    return messages.isEmpty() ? null : firstAt.plus(linger);
  }

  /** Whether the batch is full, or non-empty and its linger time has passed at {@code now}. */
  public boolean isDue(Instant now) {
    return isFull() || (!messages.isEmpty() && !now.isBefore(deadline()));
  }

  /** Closes the batch and starts an empty one. */
  public PendingBatch drain() {
    Instant receivedAt = Objects.requireNonNull(firstAt, "drain of an empty batch");
    PendingBatch batch = new PendingBatch(new EventBatch(receivedAt, movements, locations, readerStatuses, health,
        deadLetters), messages);
    messages.clear();
    movements.clear();
    locations.clear();
    readerStatuses.clear();
    health.clear();
    deadLetters.clear();
    firstAt = null;
    return batch;
  }

  private void deadLetter(InboundMessage message, String reason, DeadLetterCause cause) {
    byte[] payload = message.payload();
    if (payload.length > MAX_DEAD_LETTER_BYTES) {
      reason = reason + " (payload truncated to " + MAX_DEAD_LETTER_BYTES + " of " + payload.length + " bytes)";
      payload = Arrays.copyOf(payload, MAX_DEAD_LETTER_BYTES);
    }
    deadLetters.add(DeadLetter.of(message.receivedAt(), message.topic(), reason, payload));
    metrics.deadLetter(cause);
  }

  /** The first field in which the payload contradicts its topic, as a reason; null when they agree. */
  private static String mismatch(TopicAddress address, Event event) {
    if (!address.site().equals(event.site())) {
      return "site: topic says \"" + address.site() + "\", payload says \"" + event.site() + "\"";
    }
    if (!address.gateway().equals(event.gateway())) {
      return "gateway: topic says \"" + address.gateway() + "\", payload says \"" + event.gateway() + "\"";
    }
    if (event instanceof ReaderStatusEvent && !address.reader().equals(((ReaderStatusEvent) event).reader())) {
      return "reader: topic says \"" + address.reader() + "\", payload says \"" + ((ReaderStatusEvent) event).reader()
          + "\"";
    }
    return null;
  }
}
