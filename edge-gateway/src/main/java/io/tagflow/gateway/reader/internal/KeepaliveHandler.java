package io.tagflow.gateway.reader.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.tagflow.protocol.llrp.LlrpFrame;
import io.tagflow.protocol.llrp.LlrpMessageType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.llrp.ltk.generated.messages.KEEPALIVE_ACK;
import org.llrp.ltk.types.UnsignedInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each KEEPALIVE with a KEEPALIVE_ACK carrying its message id (LLRP 1.1 §13.1.3-§13.1.4), and
 * closes the link when the {@link io.netty.handler.timeout.IdleStateHandler} before it reports that
 * nothing arrived for three keepalive periods: the reader or the network is gone, and a TCP
 * connection can stay half-open for hours without that check.
 *
 * <p>The watchdog is {@linkplain #arm() armed} only once the reader has accepted the KeepaliveSpec:
 * before that the reader has no reason to send anything periodically, and the session's own
 * per-request timeouts bound the start-up (a cold JVM can take longer than three short keepalive
 * periods to load the LLRP Toolkit).
 */
public final class KeepaliveHandler extends ChannelInboundHandlerAdapter {
  public static final String NAME = "llrp-keepalive";
  /** Periods without any message before the link counts as dead. */
  public static final int MISSED_PERIODS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(KeepaliveHandler.class);

  private final String readerId;
  private final Duration period;
  private final InstantSource clock;
  private final ReaderMetrics metrics;
  private Instant lastKeepalive;
  private boolean armed;

  public KeepaliveHandler(String readerId, Duration period, InstantSource clock, ReaderMetrics metrics) {
    this.readerId = readerId;
    this.period = period;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Starts treating three silent keepalive periods as a dead link. */
  public void arm() {
    armed = true;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof LlrpFrame frame) || frame.type() != LlrpMessageType.KEEPALIVE.code()) {
      ctx.fireChannelRead(msg);
      return;
    }
    long messageId = frame.messageId();
    frame.release();
    Instant now = clock.instant();
    if (lastKeepalive != null) {
      metrics.keepaliveLag(Duration.between(lastKeepalive, now).minus(period));
    }
    lastKeepalive = now;
    KEEPALIVE_ACK ack = new KEEPALIVE_ACK();
    ack.setMessageID(new UnsignedInteger(messageId));
    ctx.writeAndFlush(ack, ctx.voidPromise());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      if (!armed) {
        return;
      }
      LOG.warn("reader {}: nothing received for {} ms ({} keepalive periods); the link is dead, closing",
          readerId, period.toMillis() * MISSED_PERIODS, MISSED_PERIODS);
      metrics.deadLink();
      ctx.channel().close();
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }
}
