package io.tagflow.sim.reader;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.tagflow.protocol.llrp.LlrpFrameDecoder;
import io.tagflow.protocol.llrp.LtkMessageEncoder;
import io.tagflow.sim.reader.internal.ConnectionRefuser;
import io.tagflow.sim.reader.internal.ReaderEndpointHandler;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server that behaves as one LLRP reader: one client at a time, the client-facing side of
 * LLRP 1.1 (capabilities, configuration, ROSpec lifecycle, keepalives, reports from a {@link
 * TagSource}). A second client is refused with a ConnectionAttemptEvent and closed.
 *
 * <p>{@link #start()} completes with the bound address (use port 0 for a free port) or fails with the
 * bind error; {@link #stop()} closes the client and the server and completes when its threads are
 * gone. A stopped reader cannot be started again: create a new one.
 */
public final class SimulatedReader {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedReader.class);
  private static final LtkMessageEncoder ENCODER = new LtkMessageEncoder();

  private final SimulatedReaderOptions options;
  private final TagSource source;
  private final InstantSource clock;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final AtomicReference<Channel> client = new AtomicReference<>();
  private volatile Channel server;

  private SimulatedReader(SimulatedReaderOptions options, TagSource source, InstantSource clock) {
    this.options = options;
    this.source = source;
    this.clock = clock;
  }

  /** A reader that is not listening yet. */
  public static SimulatedReader create(SimulatedReaderOptions options, TagSource source, InstantSource clock) {
    return new SimulatedReader(options, source, clock);
  }

  /** Binds and listens; completes with the bound address. */
  public CompletableFuture<InetSocketAddress> start() {
    CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
    new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel channel) {
            initClient(channel);
          }
        })
        .bind(options.host(), options.port()).addListener(f -> {
          if (f.isSuccess()) {
            server = ((ChannelFuture) f).channel();
            InetSocketAddress address = (InetSocketAddress) server.localAddress();
            LOG.info("simulated reader listening on {}:{} (LLRP version {})", address.getHostString(), address.getPort(),
                options.version());
            bound.complete(address);
          } else {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            bound.completeExceptionally(f.cause());
          }
        });
    return bound;
  }

  /** The whole pipeline of a client connection, top (network) to bottom. */
  private void initClient(Channel channel) {
    LtkMessageEncoder.useVersion(channel, options.version());
    ChannelPipeline p = channel.pipeline();
    if (!client.compareAndSet(null, channel)) {
      p.addLast(LtkMessageEncoder.NAME, ENCODER);
      p.addLast(ConnectionRefuser.NAME, new ConnectionRefuser(clock));
      return;
    }
    channel.closeFuture().addListener(f -> client.compareAndSet(channel, null));
    p.addLast(LlrpFrameDecoder.NAME, new LlrpFrameDecoder());
    p.addLast(LtkMessageEncoder.NAME, ENCODER);
    p.addLast(ReaderEndpointHandler.NAME, new ReaderEndpointHandler(options, source, clock));
  }

  /** The bound address, or {@code null} before {@link #start()} completed. */
  public InetSocketAddress address() {
    Channel s = server;
    return s == null ? null : (InetSocketAddress) s.localAddress();
  }

  /** True while a client is connected. */
  public boolean hasClient() {
    return client.get() != null;
  }

  /** Closes the client and the server; completes when the event loop has stopped. */
  public CompletableFuture<Void> stop() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Channel c = client.get();
    if (c != null) {
      c.close();
    }
    if (server != null) {
      server.close();
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> done.complete(null));
    return done;
  }
}
