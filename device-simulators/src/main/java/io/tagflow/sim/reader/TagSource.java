package io.tagflow.sim.reader;

import io.tagflow.protocol.llrp.TagReportBatch;

/**
 * What a simulated reader's antennas see: the seam where a physical scene (pallets moving through a
 * dock door, RF propagation, collisions) plugs in. The reader calls it once per antenna per
 * inventory round while an ROSpec runs.
 *
 * <p>Contract: called on the reader's event loop, never concurrently, with {@code nowMicros}
 * increasing between calls. The source <em>appends</em> the tags singulated in this round to {@code
 * out} (it must not clear it; earlier rounds' tags are still there waiting to be reported) and may set
 * {@link io.tagflow.protocol.llrp.TagField#PEAK_RSSI}, C1G2_PC or C1G2_CRC on them. The reader sets
 * the fields it knows itself (antenna, timestamps, seen count, spec ids) afterwards and sends only
 * what the client selected. Implementations must not allocate per tag: use {@link
 * TagReportBatch#addEpc96(long, int)} or {@link TagReportBatch#addTag(byte[], int, int)} with
 * preallocated EPCs. An exception thrown here is a bug in the source: it is logged and the
 * simulated reader closes the client connection.
 */
@FunctionalInterface
public interface TagSource {
  /**
   * Appends the tags antenna {@code antennaId} singulates in one inventory round at {@code nowMicros}
   * (microseconds since the Unix epoch).
   */
  void inventoryRound(long nowMicros, int antennaId, TagReportBatch out);

  /** A source that sees nothing. */
  static TagSource empty() {
    return (nowMicros, antennaId, out) -> { };
  }
}
