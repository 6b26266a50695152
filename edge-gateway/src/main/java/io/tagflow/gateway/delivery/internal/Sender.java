package io.tagflow.gateway.delivery.internal;

import io.micrometer.core.instrument.Counter;
import io.tagflow.gateway.delivery.Outbox;
import io.tagflow.gateway.delivery.OutboxEntry;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands outbox entries to Paho, in order, from the send cursor of {@link DrainState}. Two callers
 * take turns, never at once: the drain thread ({@link #drainPass}), which may wait (window full,
 * client refusing, outbox unreadable), and the thread that just wrote entries ({@link #sendWritten}),
 * which sends them at once if nobody else is sending and nothing stands in the way, and otherwise
 * wakes the drain thread. This saves a thread wake-up between writing an event and publishing it.
 */
public final class Sender {
  private static final Logger log = LoggerFactory.getLogger(Sender.class);

  private final Outbox outbox;
  private final IMqttAsyncClient client;
  private final DrainState state;
  private final AckHandler acks;
  private final Counter backpressure;
  private final long tickMillis;
  /** Held for a whole pass, so passes never interleave and the cursor a pass starts from stays valid. */
  private final ReentrantLock sending = new ReentrantLock();

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
    DrainState.Pass pass;
    sending.lockInterruptibly();
    try {
      pass = state.nextPass(onExpired); // may wait a tick (offline, window full): nobody could send then
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
      if (!batch.isEmpty()) {
        for (OutboxEntry entry : batch) {
          if (!send(entry, pass, true)) {
            return;
          }
        }
        return;
      }
    } finally {
      sending.unlock();
    }
    state.awaitWork(pass);
  }

  /**
   * Called right after entries were written: sends them on the calling thread when no pass is under
   * way and the window has room, without ever waiting; otherwise, or when not all could be sent, wakes
   * the drain thread to do it.
   */
  public void sendWritten() {
    boolean all = false;
    if (sending.tryLock()) {
      try {
        all = sendAvailable();
      } finally {
        sending.unlock();
      }
    }
    if (!all) {
      state.workArrived();
    }
  }

  /** One pass that never waits; true when everything readable was sent. */
  private boolean sendAvailable() {
    DrainState.Pass pass = state.passNow();
    if (pass == null) {
      return false;
    }
    List<OutboxEntry> batch;
    try {
      batch = outbox.read(pass.from(), pass.room());
      for (OutboxEntry entry : batch) {
        if (!send(entry, pass, false)) {
          return false;
        }
      }
    } catch (IOException | InterruptedException e) {
      return false; // the drain thread reads again and reports it
    }
    return batch.size() < pass.room();
  }

  /**
   * Hands one entry to Paho; false when the pass must stop (epoch changed, window full, client
   * refused). Only a caller that {@code mayWait} waits after a refusal (and, for other failures, starts a new epoch);
   * the other one gives the slot back and leaves the entry to the drain thread.
   */
  private boolean send(OutboxEntry entry, DrainState.Pass pass, boolean mayWait) throws InterruptedException {
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
      boolean full = e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT;
      if (full) {
        backpressure.increment();
      }
      if (!mayWait) {
        state.release(entry.sequence());
      } else if (full) {
        // Paho's window (the broker's Receive Maximum) is full: wait for a completion, send it again.
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
