package io.tagflow.gateway.pipeline;

import java.time.Instant;

/**
 * A tag's bin changed.
 *
 * @param epcHex the 96-bit EPC as 24 upper-case hex digits
 * @param uri the pure-identity URI (or raw URI)
 * @param bin the new zone
 * @param fromBin the previous zone, or null when the tag had none
 * @param at when the pipeline decided (gateway clock)
 * @param confidence 0..1: the new zone's share of the received power against the runner-up
 */
public record LocationDecision(String epcHex, String uri, String bin, String fromBin, Instant at,
                               double confidence) {
}
