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
 *
 * <p>Threads: a reader made by {@link #create(SimulatedReaderOptions, TagSource, InstantSource)} owns
 * one event loop thread. Many readers in one process (load tests) share a group through {@link
 * #create(SimulatedReaderOptions, TagSource, InstantSource, EventLoopGroup)}: each reader then runs on
 * one loop of the group, and {@link #stop()} leaves the group running for its owner to shut down.
 */
public final class SimulatedReader {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedReader.class);
  private static final LtkMessageEncoder ENCODER = new LtkMessageEncoder();

  private final SimulatedReaderOptions options;
  private final TagSource source;
  private final InstantSource clock;
  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final AtomicReference<Channel> client = new AtomicReference<>();
  private volatile Channel server;

  private SimulatedReader(SimulatedReaderOptions options, TagSource source, InstantSource clock, EventLoopGroup group,
                          boolean ownsGroup) {
    this.options = options;
    this.source = source;
    this.clock = clock;
    this.group = group;
    this.ownsGroup = ownsGroup;
  }

  /** A reader that is not listening yet, with its own event loop thread. */
  public static SimulatedReader create(SimulatedReaderOptions options, TagSource source, InstantSource clock) {
    return new SimulatedReader(options, source, clock, new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()), true);
  }

  /**
   * A reader that is not listening yet, running on one loop of a shared NIO {@code group} that the
   * caller shuts down after stopping every reader.
   */
  public static SimulatedReader create(SimulatedReaderOptions options, TagSource source, InstantSource clock,
                                       EventLoopGroup group) {
    return new SimulatedReader(options, source, clock, group, false);
  }

  /** Binds and listens; completes with the bound address. */
  public CompletableFuture<InetSocketAddress> start() {
    CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
    // One loop serves both the listening socket and its client: the reader's state stays on one thread.
    EventLoopGroup loop = group.next();
    new ServerBootstrap().group(loop, loop).channel(NioServerSocketChannel.class)
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
            // Readers sharing a group come by the hundred; their owner prints one summary instead.
            if (ownsGroup) {
              LOG.info("simulated reader listening on {}:{} (LLRP version {})", address.getHostString(), address.getPort(),
                  options.version());
            } else {
              LOG.debug("simulated reader listening on {}:{} (LLRP version {})", address.getHostString(), address.getPort(),
                  options.version());
            }
            bound.complete(address);
          } else {
            if (ownsGroup) {
              group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            }
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

  /**
   * Closes the client and the server; completes when the reader's own event loop has stopped, or for
   * a shared group when both channels are closed.
   */
  public CompletableFuture<Void> stop() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Channel c = client.get();
    Channel s = server;
    if (ownsGroup) {
      if (c != null) {
        c.close();
      }
      if (s != null) {
        s.close();
      }
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> done.complete(null));
      return done;
    }
    CompletableFuture<Void> clientClosed = new CompletableFuture<>();
    CompletableFuture<Void> serverClosed = new CompletableFuture<>();
    closeThen(c, clientClosed);
    closeThen(s, serverClosed);
    return CompletableFuture.allOf(clientClosed, serverClosed);
  }

  private static void closeThen(Channel channel, CompletableFuture<Void> closed) {
    if (channel == null) {
      closed.complete(null);
    } else {
      channel.close().addListener(f -> closed.complete(null));
    }
  }
}
