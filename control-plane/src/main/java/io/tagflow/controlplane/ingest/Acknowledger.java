package io.tagflow.controlplane.ingest;

/**
 * Sends the MQTT acknowledgement (PUBACK for QoS 1) of a message.
 *
 * <p>Contract: called only after the batch holding the message committed, once per message, in the
 * order the messages arrived (MQTT 5 §4.6). If it throws, the message is stored but not acknowledged:
 * the broker delivers it again after a reconnect and the store ignores the repeat.
 */
public interface Acknowledger {
  void acknowledge(InboundMessage message) throws Exception;
}
