package io.tagflow.gateway.pipeline;

import java.time.Instant;

/**
 * A tag was at a door but did not cross it (yet).
 *
 * @param epcHex the 96-bit EPC as 24 upper-case hex digits
 * @param uri the pure-identity URI (or raw URI)
 * @param door the door's configured name
 * @param side the side the tag was seen on (the stronger one when both were)
 * @param reason why it is staged rather than moved
 * @param since the tag's first read at the door (reader clock)
 * @param at when the pipeline decided (gateway clock)
 */
public record StagedDecision(String epcHex, String uri, String door, Side side, Reason reason,
                             Instant since, Instant at) {

  /** Why a tag is staged. */
  public enum Reason {
    /** Strongly present on one side only: parked at the door, or a stray read. */
    ONE_SIDE,
    /** Still at the door after {@link FilterSettings#dwellLimit()}. */
    DWELL,
    /** Both sides heard it but the order was not clear enough to call a direction. */
    AMBIGUOUS
  }
}
