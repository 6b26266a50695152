package io.tagflow.gateway.reader;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.tagflow.gateway.reader.internal.ReaderChannelInitializer;
import io.tagflow.gateway.reader.internal.ReaderMetrics;
import io.tagflow.gateway.reader.internal.ReaderSessionHandler;
import io.tagflow.gateway.reader.internal.ReconnectBackoff;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's conversation with one reader, kept alive for as long as the session runs: connect,
 * configure, start inventory, deliver reports, and after any failure close, back off and reconnect.
 *
 * <p>Every step runs on one event loop of the shared group, so a slow or broken reader only ever
 * affects its own session. {@link #stop()} stops the ROSpec, sends CLOSE_CONNECTION and closes; its
 * future completes when the connection is closed and no reconnect is pending (each step of the
 * shutdown is bounded by the connect timeout). Thread-safe: {@link #start()}, {@link #stop()} and
 * {@link #state()} may be called from any thread.
 */
public final class ReaderSession {
  private static final Logger LOG = LoggerFactory.getLogger(ReaderSession.class);

  private final ReaderSettings settings;
  private final EventLoop loop;
  private final InstantSource clock;
  private final ReaderMetrics metrics;
  private final ReconnectBackoff backoff;
  private final Bootstrap bootstrap;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile ReaderState state = ReaderState.DISCONNECTED;
  private Channel channel;
  private ScheduledFuture<?> reconnect;
  private Instant runningSince;
  private boolean started;
  private boolean stopping;

  private ReaderSession(ReaderSettings settings, EventLoopGroup group, TagReportListener listener, MeterRegistry registry,
                        RandomGenerator random, InstantSource clock) {
    this.settings = settings;
    this.loop = group.next();
    this.clock = clock;
    this.metrics = new ReaderMetrics(registry, settings.readerId());
    this.backoff = new ReconnectBackoff(settings.backoffMin(), settings.backoffMax(), settings.healthyAfter(), random);
    this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ReaderChannelInitializer(settings, listener, metrics, clock, this::onState));
  }

  /**
   * A session that is not started yet.
   *
   * @param group the shared event loop group (NIO); the session uses one of its loops
   * @param random jitter for the reconnect back-off
   * @param clock time for keepalive lag and session health
   */
  public static ReaderSession create(ReaderSettings settings, EventLoopGroup group, TagReportListener listener,
                                     MeterRegistry registry, RandomGenerator random, InstantSource clock) {
    return new ReaderSession(settings, group, listener, registry, random, clock);
  }

  public String readerId() {
    return settings.readerId();
  }

  public ReaderSettings settings() {
    return settings;
  }

  /** Where the conversation is now. */
  public ReaderState state() {
    return state;
  }

  /** Starts connecting; does nothing if already started. */
  public void start() {
    loop.execute(() -> {
      if (!started && !stopping) {
        started = true;
        connect();
      }
    });
  }

  /** Stops inventory and closes; the future completes once closed. Idempotent. */
  public CompletableFuture<Void> stop() {
    loop.execute(() -> {
      stopping = true;
      if (reconnect != null) {
        reconnect.cancel(false);
      }
      if (channel != null && channel.isOpen()) {
        ReaderSessionHandler handler = channel.pipeline().get(ReaderSessionHandler.class);
        if (handler != null && channel.isActive()) {
          handler.stop();
        } else {
          channel.close();
        }
      } else {
        finishStop();
      }
    });
    return stopped;
  }

  private void connect() {
    onState(ReaderState.CONNECTING);
    ChannelFuture connecting = bootstrap.connect(settings.host(), settings.port());
    channel = connecting.channel();
    channel.closeFuture().addListener(f -> onClosed());
    connecting.addListener(f -> {
      if (f.isSuccess()) {
        metrics.connected();
      } else {
        LOG.info("reader {}: cannot connect to {}:{}: {}", settings.readerId(), settings.host(), settings.port(),
            f.cause().getMessage());
      }
    });
  }

  private void onClosed() {
    Duration ranFor = runningSince == null ? Duration.ZERO : Duration.between(runningSince, clock.instant());
    runningSince = null;
    onState(ReaderState.DISCONNECTED);
    channel = null;
    if (stopping) {
      finishStop();
      return;
    }
    Duration delay = backoff.nextDelay(ranFor);
    LOG.info("reader {}: disconnected; reconnecting in {} ms (attempt {})", settings.readerId(), delay.toMillis(),
        backoff.failures());
    reconnect = loop.schedule(() -> {
      if (!stopping) {
        metrics.reconnecting();
        connect();
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void finishStop() {
    onState(ReaderState.DISCONNECTED);
    if (!stopped.isDone()) {
      LOG.info("reader {}: stopped", settings.readerId());
      stopped.complete(null);
    }
  }

  private void onState(ReaderState next) {
    if (next == ReaderState.RUNNING) {
      runningSince = clock.instant();
    }
    state = next;
    metrics.state(next);
  }
}
