package io.tagflow.sim.reader.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.time.InstantSource;
import org.llrp.ltk.generated.enumerations.ConnectionAttemptStatusType;

/**
 * Answers a connection made while another client is connected: a ConnectionAttemptEvent with
 * Failed_A_Client_Initiated_Connection_Already_Exists (LLRP 1.1 §9.1.2, ConnectionAttemptStatusType),
 * then close. Whatever the refused client sends is dropped.
 */
public final class ConnectionRefuser extends ChannelInboundHandlerAdapter {
  public static final String NAME = "llrp-connection-refuser";

  private final InstantSource clock;

  public ConnectionRefuser(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(ReaderEvents.connectionAttempt(
        ConnectionAttemptStatusType.Failed_A_Client_Initiated_Connection_Already_Exists, clock, 1))
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
