package io.tagflow.gateway.internal;

import io.tagflow.gateway.delivery.MqttPublisher;
import io.tagflow.gateway.delivery.OutboxMessage;
import io.tagflow.gateway.reader.ReaderSession;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.ReaderState;
import io.tagflow.protocol.event.ReaderStatusEvent;
import io.tagflow.protocol.event.Topics;
import java.io.IOException;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each reader's connection state, retained, on {@code .../readers/{reader}/status} whenever
 * it changes. The sessions' states are polled (once a second) rather than subscribed to: a state that
 * lasts less than a poll is not worth a retained message, and polling keeps the session code free of
 * publisher concerns. Called from one thread.
 */
public final class ReaderStatusPublisher {
  private static final Logger log = LoggerFactory.getLogger(ReaderStatusPublisher.class);

  private final String site;
  private final String gateway;
  private final Topics topics;
  private final EventCodec codec;
  private final MqttPublisher publisher;
  private final InstantSource clock;
  private final Map<String, ReaderState> published = new HashMap<>();

  public ReaderStatusPublisher(String site, String gateway, Topics topics, EventCodec codec, MqttPublisher publisher,
                               InstantSource clock) {
    this.site = site;
    this.gateway = gateway;
    this.topics = topics;
    this.codec = codec;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** Publishes the sessions whose state changed since the last poll. */
  public void poll(List<ReaderSession> sessions) {
    for (ReaderSession s : sessions) {
      publish(s.readerId(), map(s.state()), null);
    }
  }

  /** Publishes {@code state} for every reader (e.g. DISCONNECTED at shutdown). */
  public void publishAll(List<ReaderSession> sessions, ReaderState state, String detail) {
    for (ReaderSession s : sessions) {
      publish(s.readerId(), state, detail);
    }
  }

  private void publish(String reader, ReaderState state, String detail) {
    if (published.get(reader) == state) {
      return;
    }
    ReaderStatusEvent event = ReaderStatusEvent.of(site, gateway, reader, state, clock.instant(), detail);
    try {
      publisher.publish(OutboxMessage.retained(topics.readerStatus(site, gateway, reader), codec.encode(event)));
      published.put(reader, state);
    } catch (IOException | IllegalStateException e) {
      log.warn("Reader {} status {} not published: {}", reader, state, e.getMessage());
    }
  }

  static ReaderState map(io.tagflow.gateway.reader.ReaderState s) {
    return switch (s) {
      case RUNNING -> ReaderState.CONNECTED;
      case CONNECTING, CONFIGURING, STARTING -> ReaderState.CONNECTING;
      case DISCONNECTED, STOPPING -> ReaderState.DISCONNECTED;
    };
  }
}
