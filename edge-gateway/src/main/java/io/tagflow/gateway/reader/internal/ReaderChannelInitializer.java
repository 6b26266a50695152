package io.tagflow.gateway.reader.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.tagflow.gateway.reader.ReaderSettings;
import io.tagflow.gateway.reader.ReaderState;
import io.tagflow.gateway.reader.TagReportListener;
import io.tagflow.protocol.llrp.LlrpFrameDecoder;
import io.tagflow.protocol.llrp.LtkMessageEncoder;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The whole pipeline of a reader connection, top (network) to bottom (application). */
public final class ReaderChannelInitializer extends ChannelInitializer<Channel> {
  public static final String IDLE_NAME = "llrp-idle";
  private static final LtkMessageEncoder ENCODER = new LtkMessageEncoder();

  private final ReaderSettings settings;
  private final TagReportListener listener;
  private final ReaderMetrics metrics;
  private final InstantSource clock;
  private final Consumer<ReaderState> stateListener;

  public ReaderChannelInitializer(ReaderSettings settings, TagReportListener listener, ReaderMetrics metrics,
                                  InstantSource clock, Consumer<ReaderState> stateListener) {
    this.settings = settings;
    this.listener = listener;
    this.metrics = metrics;
    this.clock = clock;
    this.stateListener = stateListener;
  }

  @Override
  protected void initChannel(Channel channel) {
    long deadAfter = settings.keepalivePeriod().toMillis() * KeepaliveHandler.MISSED_PERIODS;
    ChannelPipeline p = channel.pipeline();
    p.addLast(LlrpFrameDecoder.NAME, new LlrpFrameDecoder());
    p.addLast(LtkMessageEncoder.NAME, ENCODER);
    p.addLast(IDLE_NAME, new IdleStateHandler(deadAfter, 0, 0, TimeUnit.MILLISECONDS));
    p.addLast(KeepaliveHandler.NAME, new KeepaliveHandler(settings.readerId(), settings.keepalivePeriod(), clock, metrics));
    p.addLast(ReaderSessionHandler.NAME, new ReaderSessionHandler(settings, metrics, stateListener));
    p.addLast(ReportHandler.NAME, new ReportHandler(settings.readerId(), listener, metrics));
    p.addLast(ReaderExceptionHandler.NAME, new ReaderExceptionHandler(settings.readerId(), metrics));
  }
}
