package io.tagflow.gateway.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One MQTT publication waiting in the outbox.
 *
 * @param topic the MQTT topic name (no wildcards), at most {@value #MAX_TOPIC_BYTES} bytes of UTF-8
 * @param payload the payload bytes; not copied, callers must not change them afterwards
 * @param retained whether the broker keeps it as the topic's retained message (MQTT 5 §3.3.1.3)
 */
public record OutboxMessage(String topic, byte[] payload, boolean retained) {
  /** MQTT 5 §1.5.4 limits a UTF-8 string to 65,535 bytes. */
  public static final int MAX_TOPIC_BYTES = 65_535;

  public OutboxMessage {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    if (topic.isEmpty() || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
      throw new IllegalArgumentException("topic must be non-empty and without wildcards: " + topic);
    }
    if (topic.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) {
      throw new IllegalArgumentException("topic longer than " + MAX_TOPIC_BYTES + " bytes");
    }
  }

  /** A message that is not retained (movements, locations). */
  public static OutboxMessage of(String topic, byte[] payload) {
    return new OutboxMessage(topic, payload, false);
  }

  /** A retained message (reader status, gateway health). */
  public static OutboxMessage retained(String topic, byte[] payload) {
    return new OutboxMessage(topic, payload, true);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutboxMessage m && m.retained == retained && m.topic.equals(topic)
        && java.util.Arrays.equals(m.payload, payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, retained) * 31 + java.util.Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "OutboxMessage[topic=" + topic + ", " + payload.length + " bytes, retained=" + retained + "]";
  }
}
