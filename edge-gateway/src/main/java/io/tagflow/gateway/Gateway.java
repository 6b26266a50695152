package io.tagflow.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tagflow.gateway.config.AntennaConfig;
import io.tagflow.gateway.config.GatewayConfig;
import io.tagflow.gateway.config.ReaderConfig;
import io.tagflow.gateway.delivery.FileOutbox;
import io.tagflow.gateway.delivery.MqttPublisher;
import io.tagflow.gateway.delivery.MqttPublisherOptions;
import io.tagflow.gateway.delivery.OutboxMetrics;
import io.tagflow.gateway.delivery.OutboxWriter;
import io.tagflow.gateway.internal.EventPublisher;
import io.tagflow.gateway.internal.ReaderStatusPublisher;
import io.tagflow.gateway.ops.GatewayHealth;
import io.tagflow.gateway.ops.OpsServer;
import io.tagflow.gateway.pipeline.EpcPattern;
import io.tagflow.gateway.pipeline.PipelineMetrics;
import io.tagflow.gateway.pipeline.TagPipeline;
import io.tagflow.gateway.reader.ReaderSession;
import io.tagflow.gateway.reader.ReaderSessions;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.GatewayHealthEvent;
import io.tagflow.protocol.event.GatewayStatus;
import io.tagflow.protocol.event.ReaderState;
import io.tagflow.protocol.event.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running edge gateway, assembled from its configuration in this order: metrics registry, outbox,
 * MQTT publisher, outbox writer, pipeline, reader sessions, operations server. {@link #close()} takes it
 * down in the reverse order: stop the ROSpecs and close LLRP, decide the movements the pipeline is
 * still grouping ({@link TagPipeline#flush()}: crossings already judged are published, not lost),
 * publish the readers' DISCONNECTED status, store the decisions still queued for the outbox, flush
 * the outbox to the broker (bounded), publish OFFLINE and disconnect, close the outbox.
 *
 * <p>Threads: every reader session, the pipeline and its tick share one Netty event loop, so the
 * (single-threaded) pipeline is only ever driven from that thread. Decisions are handed to the
 * {@link OutboxWriter}, whose thread appends and fsyncs them in batches (group commit), so the event
 * loop never waits for the disk; the MQTT drain runs on its own thread.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);
  private static final long TICK_MILLIS = 200;
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

  private final GatewayConfig config;
  private final PrometheusMeterRegistry registry;
  private final FileOutbox outbox;
  private final MqttPublisher publisher;
  private final OutboxWriter writer;
  private final EventLoopGroup loop;
  private final ReaderSessions sessions;
  private final ReaderStatusPublisher status;
  private final TagPipeline pipeline;
  private final OpsServer ops;
  private boolean closed;

  private Gateway(GatewayConfig config, PrometheusMeterRegistry registry, FileOutbox outbox, MqttPublisher publisher,
                  OutboxWriter writer, EventLoopGroup loop, ReaderSessions sessions, ReaderStatusPublisher status,
                  TagPipeline pipeline, OpsServer ops) {
    this.config = config;
    this.registry = registry;
    this.outbox = outbox;
    this.publisher = publisher;
    this.writer = writer;
    this.loop = loop;
    this.sessions = sessions;
    this.status = status;
    this.pipeline = pipeline;
    this.ops = ops;
  }

  /**
   * Starts a gateway.
   *
   * @param env reads environment variables (for {@code mqtt.passwordEnv})
   * @throws IOException when the outbox or the operations port cannot be opened
   */
  public static Gateway start(GatewayConfig config, Clock clock, UnaryOperator<String> env) throws IOException, MqttException {
    String site = config.site();
    String gw = config.gateway();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("site", site, "gateway", gw);

    FileOutbox outbox = FileOutbox.open(config.outbox().directory(), config.outbox().toSettings(), clock);
    OutboxMetrics.register(outbox, registry, clock);
    MqttPublisher publisher = null;
    OutboxWriter writer = null;
    EventLoopGroup loop = null;
    try {
      Topics topics = Topics.under(config.mqtt().topicPrefix());
      EventCodec codec = new EventCodec();
      String version = Gateway.class.getPackage().getImplementationVersion();
      MqttPublisherOptions options = MqttPublisherOptions.builder(config.mqtt().uri(), config.clientId())
          .credentials(config.mqtt().username(), config.mqtt().resolvePassword(env))
          .maxInflight(config.mqtt().maxInflight())
          .ackTimeout(config.mqtt().ackTimeout())
          .keepAlive(config.mqtt().keepAlive())
          .health(new MqttPublisherOptions.Health(topics.health(site, gw),
              codec.encode(GatewayHealthEvent.of(site, gw, GatewayStatus.ONLINE, clock.instant(), version)),
              codec.encode(GatewayHealthEvent.of(site, gw, GatewayStatus.OFFLINE, clock.instant(), version))))
          .build();
      publisher = MqttPublisher.create(outbox, options, registry, clock);
      publisher.start();

      writer = OutboxWriter.start(publisher);
      EventPublisher events = new EventPublisher(site, gw, topics, codec, new EventIds(clock), writer, registry);
      TagPipeline pipeline = pipeline(config, clock, events);
      PipelineMetrics.bind(pipeline, registry);

      loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      ReaderSessions sessions = ReaderSessions.start(config.readerSettings(), loop, pipeline::onBatch, registry,
          new SplittableRandom(), clock);
      ReaderStatusPublisher status = new ReaderStatusPublisher(site, gw, topics, codec, publisher, clock);
      loop.scheduleAtFixedRate(guarded("pipeline tick", pipeline::tick), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
      loop.scheduleAtFixedRate(guarded("reader status", () -> status.poll(sessions.sessions())), 0, 1, TimeUnit.SECONDS);

      MqttPublisher p = publisher;
      GatewayHealth health = new GatewayHealth(() -> readerStates(sessions), p::connected, outbox, clock);
      OpsServer ops = OpsServer.start(new InetSocketAddress(config.ops().bind(), config.ops().port()), registry, health);
      log.info("Gateway {}/{} started: {} reader(s), broker {} as {}, outbox {} ({} pending)", site, gw,
          config.readers().size(), config.mqtt().uri(), config.clientId(), config.outbox().directory(),
          outbox.stats().depth());
      return new Gateway(config, registry, outbox, publisher, writer, loop, sessions, status, pipeline, ops);
    } catch (IOException | MqttException | RuntimeException e) {
      if (loop != null) {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      }
      if (writer != null) {
        writer.close(Duration.ZERO);
      }
      if (publisher != null) {
        publisher.close(Duration.ZERO);
      }
      outbox.close();
      throw e;
    }
  }

  private static TagPipeline pipeline(GatewayConfig config, Clock clock, EventPublisher events) {
    TagPipeline.Builder b = TagPipeline.builder().settings(config.filter()).clock(clock).listener(events);
    for (ReaderConfig r : config.readers()) {
      for (AntennaConfig a : r.antennas()) {
        b.readPoint(r.id(), a.port(), a.readPoint().toReadPoint(), a.minRssiDbm() == null ? Double.NaN : a.minRssiDbm());
      }
    }
    for (EpcPattern p : config.epcFilter().includePatterns()) {
      b.include(p);
    }
    for (EpcPattern p : config.epcFilter().excludePatterns()) {
      b.exclude(p);
    }
    return b.build();
  }

  private static Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("Periodic {} failed; it runs again at the next period", what, e);
      }
    };
  }

  private static Map<String, String> readerStates(ReaderSessions sessions) {
    Map<String, String> states = new LinkedHashMap<>();
    for (ReaderSession s : sessions.sessions()) {
      states.put(s.readerId(), s.state().name());
    }
    return states;
  }

  /** The metrics registry (for tests and embedding). */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The operations server's port. */
  public int opsPort() {
    return ops.port();
  }

  public GatewayConfig config() {
    return config;
  }

  /** Graceful shutdown; see the class comment. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("Gateway {}/{} stopping: stopping ROSpecs and closing reader connections", config.site(), config.gateway());
    try {
      sessions.stop().get(15, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      log.warn("Readers did not all close within 15 s; closing anyway");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      log.warn("Stopping readers failed: {}", e.getCause().toString());
    }
    try {
      // Movements still being grouped are decided now, on the pipeline's thread, so they reach the outbox.
      loop.submit(pipeline::flush).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Could not flush the movements still being grouped: {}", e.toString());
    }
    try {
      loop.submit(() -> status.publishAll(sessions.sessions(), ReaderState.DISCONNECTED, "gateway stopped"))
          .get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Could not publish the readers' final status: {}", e.toString());
    }
    loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    writer.close(FLUSH_TIMEOUT); // the last decisions reach the outbox before it is flushed
    boolean drained = publisher.close(FLUSH_TIMEOUT);
    try {
      outbox.close();
    } catch (IOException e) {
      log.warn("Closing the outbox: {}", e.getMessage());
    }
    ops.close();
    log.info("Gateway stopped{}", drained ? "; outbox empty" : "; undelivered events stay in the outbox for the next start");
  }
}
