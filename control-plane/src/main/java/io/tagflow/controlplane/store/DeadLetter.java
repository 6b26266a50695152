package io.tagflow.controlplane.store;

import java.time.Instant;

/**
 * A payload ingest could not use, kept with the reason.
 *
 * @param id the row id, 0 for one not stored yet
 * @param topic the MQTT topic it arrived on
 * @param reason what was wrong, e.g. {@code tags[3].peakRssi: expected a number, got "x"}
 * @param payload the raw bytes, exactly as received
 */
public record DeadLetter(long id, Instant receivedAt, String topic, String reason, byte[] payload) {
  /** A dead letter to store. */
  public static DeadLetter of(Instant receivedAt, String topic, String reason, byte[] payload) {
    return new DeadLetter(0, receivedAt, topic, reason, payload);
  }
}
