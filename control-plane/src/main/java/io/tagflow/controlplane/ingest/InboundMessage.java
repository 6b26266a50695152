package io.tagflow.controlplane.ingest;

import java.time.Instant;

/**
 * A message as it arrived from the broker.
 *
 * @param messageId the MQTT packet identifier, needed to acknowledge a QoS 1 message
 * @param qos the QoS it was delivered with
 * @param retained whether the broker sent it as a retained message
 * @param receivedAt when ingest received it
 */
public record InboundMessage(String topic, byte[] payload, int messageId, int qos, boolean retained,
                             Instant receivedAt) {
}
