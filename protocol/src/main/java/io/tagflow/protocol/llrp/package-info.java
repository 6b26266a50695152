/**
 * LLRP 1.1 wire format: framing ({@link io.tagflow.protocol.llrp.LlrpFrameDecoder}), message types,
 * and the RO_ACCESS_REPORT hot path ({@link io.tagflow.protocol.llrp.RoAccessReportDecoder},
 * {@link io.tagflow.protocol.llrp.RoAccessReportEncoder},
 * {@link io.tagflow.protocol.llrp.TagReportBatch}). Every other message is encoded and parsed by
 * the LLRP Toolkit. Malformed input surfaces as {@link io.tagflow.protocol.llrp.LlrpFrameError}
 * (framing, passed as data) or {@link io.tagflow.protocol.llrp.LlrpDecodeException} (content).
 *
 * <p>Parameters and return values are never null unless a method says otherwise.
 */
package io.tagflow.protocol.llrp;
