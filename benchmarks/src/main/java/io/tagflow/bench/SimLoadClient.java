package io.tagflow.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.tagflow.gateway.reader.AntennaSettings;
import io.tagflow.gateway.reader.ReaderSettings;
import io.tagflow.gateway.reader.internal.ReaderMessages;
import io.tagflow.protocol.llrp.LlrpDecodeException;
import io.tagflow.protocol.llrp.LlrpFrame;
import io.tagflow.protocol.llrp.LlrpFrameDecoder;
import io.tagflow.protocol.llrp.LlrpMessageType;
import io.tagflow.protocol.llrp.Ltk;
import io.tagflow.protocol.llrp.RoAccessReportDecoder;
import io.tagflow.protocol.llrp.TagReportBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.llrp.ltk.types.LLRPMessage;

/**
 * The consuming side of {@link SimLoadBench}, run in its own JVM so the simulator's CPU is measured
 * alone: connects to every simulated reader, sends the gateway's own ADD_ROSPEC (4 antennas, report
 * after N tags or every 500 ms, the gateway's default report fields), ENABLE_ROSPEC and START_ROSPEC
 * when the reader's ConnectionAttemptEvent arrives, and decodes every RO_ACCESS_REPORT with the
 * gateway's hot-path {@link RoAccessReportDecoder} into one reused batch per connection.
 *
 * <p>Usage: {@code SimLoadClient HOST PORT,PORT,... TAGS_PER_REPORT MAX_SECONDS}. Prints
 * {@code CLIENT connected running tags errors} every 200 ms on stdout (counters are cumulative) and
 * exits after MAX_SECONDS or when stdin closes (the parent died).
 */
public final class SimLoadClient {
  private static final int STARTUP_MESSAGES = 3;

  private final LongAdder tags = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicInteger connected = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final ReaderSettings settings;

  private SimLoadClient(int tagsPerReport) {
    settings = ReaderSettings.builder("load", "127.0.0.1")
        .antennas(List.of(AntennaSettings.of(1), AntennaSettings.of(2), AntennaSettings.of(3), AntennaSettings.of(4)))
        .reportEveryTags(tagsPerReport).reportPeriod(Duration.ofMillis(500)).build();
  }

  public static void main(String[] args) throws Exception {
    String host = args[0];
    String[] ports = args[1].split(",");
    SimLoadClient client = new SimLoadClient(Integer.parseInt(args[2]));
    long endNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[3]));
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    Thread parentWatch = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // the parent never writes; EOF means it is gone
        }
      } catch (java.io.IOException ignored) {
        // same as EOF
      }
      Runtime.getRuntime().halt(0);
    }, "parent-watch");
    parentWatch.setDaemon(true);
    parentWatch.start();
    Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(LlrpFrameDecoder.NAME, new LlrpFrameDecoder());
            ch.pipeline().addLast("load-client", client.new Handler());
          }
        });
    for (String port : ports) {
      bootstrap.connect(host, Integer.parseInt(port)).addListener(f -> {
        if (!f.isSuccess()) {
          System.err.println("sim load client: cannot connect to port " + port + ": " + f.cause().getMessage());
        }
      });
    }
    while (System.nanoTime() < endNanos) {
      System.out.println("CLIENT " + client.connected.get() + " " + client.running.get() + " " + client.tags.sum() + " "
          + client.errors.sum());
      System.out.flush();
      Thread.sleep(200); // reporting cadence of a harness, not a test wait
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  /** One reader connection: start inventory on the reader's greeting, count the tags of every report. */
  private final class Handler extends ChannelInboundHandlerAdapter {
    private final RoAccessReportDecoder decoder = new RoAccessReportDecoder();
    private final TagReportBatch batch = new TagReportBatch(256);
    private boolean started;
    private int responses;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      connected.incrementAndGet();
      ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      connected.decrementAndGet();
      if (responses >= STARTUP_MESSAGES) {
        running.decrementAndGet();
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof LlrpFrame frame)) {
        errors.increment(); // a framing error: the reader sent garbage
        return;
      }
      try {
        int type = frame.type();
        if (type == LlrpMessageType.RO_ACCESS_REPORT.code()) {
          tags.add(decoder.decode(frame, batch));
        } else if (type == LlrpMessageType.READER_EVENT_NOTIFICATION.code() && !started) {
          started = true;
          send(ctx, ReaderMessages.addRoSpec(settings), 1);
          send(ctx, ReaderMessages.enableRoSpec(ReaderMessages.ROSPEC_ID), 2);
          send(ctx, ReaderMessages.startRoSpec(ReaderMessages.ROSPEC_ID), 3);
        } else if (type == LlrpMessageType.ADD_ROSPEC_RESPONSE.code() || type == LlrpMessageType.ENABLE_ROSPEC_RESPONSE.code()
            || type == LlrpMessageType.START_ROSPEC_RESPONSE.code()) {
          if (++responses == STARTUP_MESSAGES) {
            running.incrementAndGet();
          }
        }
      } catch (LlrpDecodeException e) {
        errors.increment();
      } finally {
        frame.release();
      }
    }

    private void send(ChannelHandlerContext ctx, LLRPMessage message, long id) {
      ByteBuf out = ctx.alloc().buffer();
      Ltk.encode(message, id, Ltk.LLRP_1_1, out);
      ctx.writeAndFlush(out, ctx.voidPromise());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      errors.increment();
      System.err.println("sim load client: closing a connection after " + cause);
      ctx.close();
    }
  }
}
