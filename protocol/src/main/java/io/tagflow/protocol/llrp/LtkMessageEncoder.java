package io.tagflow.protocol.llrp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.util.AttributeKey;
import org.llrp.ltk.types.LLRPMessage;

/**
 * Writes LLRP Toolkit messages with the message id they carry and the channel's LLRP version
 * ({@link #VERSION}, LLRP 1.1 by default). ByteBufs written to the channel (RO_ACCESS_REPORTs from
 * the hot-path encoder) pass through untouched. Stateless, so one instance can serve every channel.
 */
@Sharable
public final class LtkMessageEncoder extends MessageToByteEncoder<LLRPMessage> {
  /** Handler name in a pipeline. */
  public static final String NAME = "llrp-ltk-encoder";
  /** Header version to write on this channel: 1 (LLRP 1.0.1) or 2 (LLRP 1.1). */
  public static final AttributeKey<Integer> VERSION = AttributeKey.valueOf(LtkMessageEncoder.class, "version");

  public LtkMessageEncoder() {
    super(LLRPMessage.class);
  }

  /** Sets the version every later message on {@code channel} is written with. */
  public static void useVersion(Channel channel, int version) {
    channel.attr(VERSION).set(version);
  }

  /** The version messages on {@code channel} are written with. */
  public static int version(Channel channel) {
    Integer version = channel.attr(VERSION).get();
    return version == null ? Ltk.LLRP_1_1 : version;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, LLRPMessage message, ByteBuf out) {
    Ltk.encode(message, message.getMessageID().toLong(), version(ctx.channel()), out);
  }
}
