package io.tagflow.gateway.delivery.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tagflow.gateway.delivery.Outbox;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT publisher's PUBACK outcomes (Paho's per-publication callback): a success marks the outbox
 * entry delivered; a refusal with a reason code of 0x80 or more (MQTT 5 §3.4.2.1) that can never
 * succeed is logged, counted in {@code tagflow.publish.refused} and removed; anything else (0x80 and
 * 0x97 after a pause, lost connections, timeouts) sends again from the first pending entry through
 * {@link DrainState}.
 */
public final class AckHandler implements MqttActionListener {
  private static final Logger log = LoggerFactory.getLogger(AckHandler.class);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
  private static final Set<Integer> RETRYABLE_REASONS = Set.of(0x80, 0x97);

  private final Outbox outbox;
  private final DrainState state;
  private final InstantSource clock;
  private final Timer latency;
  private final Counter acked;
  private final Counter refused;

  /** What a publication carries to its PUBACK callback. */
  private record Sent(long sequence, long epoch, Instant appendedAt) {
  }

  public AckHandler(Outbox outbox, DrainState state, MeterRegistry registry, InstantSource clock) {
    this.outbox = outbox;
    this.state = state;
    this.clock = clock;
    this.latency = Timer.builder("tagflow.publish.latency")
        .description("From the event's append to the outbox (the filter decision) to the broker's PUBACK")
        .publishPercentileHistogram()
        .register(registry);
    this.acked = Counter.builder("tagflow.publish.acked").description("Events acknowledged by the broker").register(registry);
    this.refused = Counter.builder("tagflow.publish.refused")
        .description("Events the broker refused for good (PUBACK reason code >= 0x80, not retryable)").register(registry);
  }

  /** The user context to publish outbox entry {@code sequence} with, in drain epoch {@code epoch}. */
  public Object context(long sequence, long epoch, Instant appendedAt) {
    return new Sent(sequence, epoch, appendedAt);
  }

  @Override
  public void onSuccess(IMqttToken token) {
    Sent sent = (Sent) token.getUserContext();
    int[] codes = token.getReasonCodes();
    int code = codes == null || codes.length == 0 ? 0 : codes[0];
    if (code >= 0x80) {
      failed(sent, code, null);
    } else {
      delivered(sent);
    }
  }

  @Override
  public void onFailure(IMqttToken token, Throwable exception) {
    Sent sent = (Sent) token.getUserContext();
    int code = exception instanceof MqttException m ? m.getReasonCode() : -1;
    failed(sent, code, exception == null ? null : exception.getMessage());
  }

  private void delivered(Sent sent) {
    state.acknowledged(sent.sequence());
    try {
      outbox.markDelivered(sent.sequence());
    } catch (IOException e) {
      log.error("Could not record delivery of outbox entry {}: {}; it will be sent again", sent.sequence(), e.getMessage());
    }
    acked.increment();
    latency.record(Duration.between(sent.appendedAt(), clock.instant()));
  }

  private void failed(Sent sent, int reasonCode, String detail) {
    if (reasonCode >= 0x80 && reasonCode <= 0xFF && !RETRYABLE_REASONS.contains(reasonCode)) {
      log.error("The broker refused outbox entry {} for good (PUBACK reason code 0x{}{}); removing it from the outbox",
          sent.sequence(), Integer.toHexString(reasonCode), detail == null ? "" : ", " + detail);
      refused.increment();
      delivered(sent);
      return;
    }
    if (state.failed(sent.sequence(), sent.epoch(), RETRYABLE_REASONS.contains(reasonCode) ? RETRY_PAUSE : null)) {
      log.debug("Publication of outbox entry {} failed ({}); sending again from the first pending entry",
          sent.sequence(), detail != null ? detail : "reason code 0x" + Integer.toHexString(reasonCode));
    }
  }
}
