package io.tagflow.gateway.reader;

import io.tagflow.protocol.llrp.TagReportBatch;

/**
 * Receives every RO_ACCESS_REPORT of every reader, decoded. This is the seam between the LLRP
 * session and the read pipeline.
 *
 * <p>Contract: called on the reader's event loop, one call at a time per reader. The batch is reused
 * by the session and is valid only during the call: copy what must outlive it. The listener must not
 * block; an exception it throws is logged once per connection and the session closes and reconnects,
 * so listeners should handle their own failures.
 */
@FunctionalInterface
public interface TagReportListener {
  void onReport(String readerId, TagReportBatch batch);
}
