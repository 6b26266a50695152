package io.tagflow.protocol.event;

import java.time.Instant;

/**
 * One tag seen during a movement, after the gateway's filtering.
 *
 * @param epc the EPC memory bank contents as hex, whole 16-bit words (normalised to upper case)
 * @param uri the pure-identity EPC URI (TDS §6) when the gateway could decode the EPC, else null
 * @param firstSeen first read of the tag in this movement
 * @param lastSeen last read of the tag in this movement, not before {@code firstSeen}
 * @param reads how many reads the movement kept for this tag, at least 1
 * @param peakRssi the strongest read, in dBm
 */
public record TagObservation(String epc, @Nullable String uri, Instant firstSeen, Instant lastSeen, int reads,
                             double peakRssi) {
  public TagObservation {
    epc = Checks.epcHex("epc", epc);
    Checks.epcUri("uri", uri);
    Checks.present("firstSeen", firstSeen);
    Checks.present("lastSeen", lastSeen);
    Checks.notBefore("lastSeen", lastSeen, "firstSeen", firstSeen);
    Checks.atLeast("reads", reads, 1);
    Checks.finite("peakRssi", peakRssi);
  }
}
