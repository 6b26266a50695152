package io.tagflow.gateway.pipeline;

import java.time.Instant;

/**
 * One tag of a movement, with the evidence of its door passage.
 *
 * @param epcHex the 96-bit EPC as 24 upper-case hex digits
 * @param uri the pure-identity URI, or the raw URI when the EPC is not a known scheme
 * @param firstSeen first read at the door during the passage (reader clock)
 * @param lastSeen last read at the door during the passage (reader clock)
 * @param reads reads at the door during the passage
 * @param peakRssiDbm strongest read during the passage
 * @param confidence 0..1, the confidence of this tag's crossing
 */
public record MovedTag(String epcHex, String uri, Instant firstSeen, Instant lastSeen, int reads,
                       double peakRssiDbm, double confidence) {
}
