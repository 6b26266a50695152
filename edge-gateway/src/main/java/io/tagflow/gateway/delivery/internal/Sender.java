package io.tagflow.gateway.delivery.internal;

import io.micrometer.core.instrument.Counter;
import io.tagflow.gateway.delivery.Outbox;
import io.tagflow.gateway.delivery.OutboxEntry;
import java.io.IOException;
import java.util.List;
import java.util.function.LongConsumer;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drain thread's sending: hands outbox entries to Paho, in order, from the send cursor of {@link
 * DrainState}, waiting when the window is full, the client refuses, or the outbox cannot be read.
 *
 * <p>Only the drain thread sends. Letting the thread that just wrote entries send them itself (one
 * thread wake-up less) was tried and dropped, and re-measured in session 4 with the same outcome: on
 * the shared 2-core machine it removes the drain thread's wake-up but the time reappears after it
 * (Paho's sender, the broker and the sync thread then wake at once), and decision -> PUBACK p99 got
 * worse, not better (docs/performance.md, publish latency, sessions 3 and 4).
 */
public final class Sender {
  private static final Logger log = LoggerFactory.getLogger(Sender.class);

  private final Outbox outbox;
  private final IMqttAsyncClient client;
  private final DrainState state;
  private final AckHandler acks;
  private final Counter backpressure;
  private final long tickMillis;

  public Sender(Outbox outbox, IMqttAsyncClient client, DrainState state, AckHandler acks, Counter backpressure,
                long tickMillis) {
    this.outbox = outbox;
    this.client = client;
    this.state = state;
    this.acks = acks;
    this.backpressure = backpressure;
    this.tickMillis = tickMillis;
  }

  /**
   * The drain thread's pass: reads what fits in the window from the cursor and sends it, or waits for
   * something to change.
   */
  public void drainPass(LongConsumer onExpired) throws InterruptedException {
    DrainState.Pass pass = state.nextPass(onExpired);
    if (pass == null) {
      return;
    }
    List<OutboxEntry> batch;
    try {
      batch = outbox.read(pass.from(), pass.room());
    } catch (IOException e) {
      log.error("Reading the outbox failed: {}; retrying", e.getMessage());
      state.awaitWhileRunning(tickMillis * 5);
      return;
    }
    if (batch.isEmpty()) {
      state.awaitWork(pass);
      return;
    }
    for (OutboxEntry entry : batch) {
      if (!send(entry, pass)) {
        return;
      }
    }
  }

  /** Hands one entry to Paho; false when the pass must stop (epoch changed, window full, client refused). */
  private boolean send(OutboxEntry entry, DrainState.Pass pass) throws InterruptedException {
    if (!state.reserve(entry.sequence(), pass)) {
      return false;
    }
    MqttMessage message = new MqttMessage(entry.message().payload());
    message.setQos(1);
    message.setRetained(entry.message().retained());
    try {
      client.publish(entry.message().topic(), message, acks.context(entry.sequence(), pass.epoch(), entry.appendedAt()),
          acks);
    } catch (MqttException e) {
      if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
        // Paho's window (the broker's Receive Maximum) is full: wait for a completion, send it again.
        backpressure.increment();
        state.awaitCompletion(entry.sequence());
      } else {
        log.debug("Publishing outbox entry {} failed: {}", entry.sequence(), e.getMessage());
        state.sendFailed(entry.sequence(), pass);
      }
      return false;
    }
    state.sent(entry.sequence(), pass);
    return true;
  }
}
