package io.tagflow.gateway.reader.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.tagflow.protocol.llrp.LlrpFrameError;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error boundary of a reader connection, last in the pipeline, so nothing reaches Netty's
 * tail handler. A framing error ({@link LlrpFrameError}) or a malformed message ({@link
 * MalformedMessageException}) is logged once with the reader id, message id and byte offset, counted,
 * and closes the connection; the session then backs off and reconnects. A lost connection is logged
 * without a stack trace; anything else is a bug and is logged with one. After the first failure the
 * connection is closing, and later failures of the same connection are logged at debug only.
 */
public final class ReaderExceptionHandler extends ChannelInboundHandlerAdapter {
  public static final String NAME = "llrp-exceptions";
  private static final Logger LOG = LoggerFactory.getLogger(ReaderExceptionHandler.class);

  private final String readerId;
  private final ReaderMetrics metrics;
  private boolean failed;

  public ReaderExceptionHandler(String readerId, ReaderMetrics metrics) {
    this.readerId = readerId;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof LlrpFrameError error) {
      if (first()) {
        metrics.decodeError();
        LOG.warn("reader {}: malformed LLRP stream at byte {} (message id {}, type {}): {}; closing", readerId,
            error.offset(), error.messageId(), error.type(), error.reason());
      }
      ctx.channel().close();
      return;
    }
    LOG.debug("reader {}: dropping unhandled {}", readerId, msg);
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!first()) {
      LOG.debug("reader {}: further failure while closing: {}", readerId, cause.toString());
    } else if (cause instanceof MalformedMessageException malformed) {
      metrics.decodeError();
      LOG.warn("reader {}: malformed {}; closing", readerId, malformed.getMessage());
    } else if (cause instanceof IOException) {
      LOG.info("reader {}: connection lost: {}", readerId, cause.getMessage());
    } else {
      LOG.error("reader {}: unexpected failure; closing", readerId, cause);
    }
    ctx.channel().close();
  }

  private boolean first() {
    boolean first = !failed;
    failed = true;
    return first;
  }
}
