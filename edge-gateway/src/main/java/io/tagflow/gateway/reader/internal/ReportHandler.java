package io.tagflow.gateway.reader.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tagflow.gateway.reader.TagReportListener;
import io.tagflow.protocol.llrp.LlrpDecodeException;
import io.tagflow.protocol.llrp.LlrpFrame;
import io.tagflow.protocol.llrp.LlrpMessageType;
import io.tagflow.protocol.llrp.RoAccessReportDecoder;
import io.tagflow.protocol.llrp.TagReportBatch;

/**
 * Decodes each RO_ACCESS_REPORT straight from the frame into this connection's reusable {@link
 * TagReportBatch} and hands it to the {@link TagReportListener}. No object is allocated per tag.
 */
public final class ReportHandler extends ChannelInboundHandlerAdapter {
  public static final String NAME = "llrp-reports";
  private static final RoAccessReportDecoder DECODER = new RoAccessReportDecoder();

  private final String readerId;
  private final TagReportListener listener;
  private final ReaderMetrics metrics;
  private final TagReportBatch batch = new TagReportBatch();

  public ReportHandler(String readerId, TagReportListener listener, ReaderMetrics metrics) {
    this.readerId = readerId;
    this.listener = listener;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof LlrpFrame frame) || frame.type() != LlrpMessageType.RO_ACCESS_REPORT.code()) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      int tags = DECODER.decode(frame, batch);
      metrics.report(tags);
      listener.onReport(readerId, batch);
    } catch (LlrpDecodeException e) {
      throw new MalformedMessageException(frame, e);
    } finally {
      batch.clear();
      frame.release();
    }
  }
}
