package io.tagflow.controlplane.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.tagflow.controlplane.live.SiteState;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/sites/{site}/live[?format=batch]}: a WebSocket of the site's changes. The first text
 * message is a {@code snapshot} (the occupancy snapshot); then the deltas: {@code occupancy} (a bin's new
 * occupancy, absolute, so a repeat is harmless), {@code movement}, {@code anomaly}. Every message is
 * {@code {"kind", "site", "data"}}. Deltas come in ticks ({@link EventBusLiveFeed#TICK}, a bin's repeated
 * occupancy within a tick coalesced), in order per site. With {@code format=batch} each tick is one
 * {@code batch} message whose {@code data} is the array of the tick's delta messages; without it, each
 * delta is its own message (as before batches existed).
 *
 * <p>The client is subscribed before the snapshot is taken, so nothing falls between the two. A client
 * that reads too slowly (more than {@value #WRITE_QUEUE_BYTES} bytes wait for it) is skipped, not closed:
 * once its backlog has drained it gets a fresh {@code snapshot} (a resync: re-read what the snapshot does
 * not hold, as after a reconnect), then deltas again. The same happens to every client of a site whose
 * pending deltas overflowed ({@link PendingDeltas}). Resyncs are counted in {@value #RESYNC_METRIC}; the
 * gauge {@value #BEHIND_METRIC} shows the clients being skipped now.
 * Nothing the client sends is read.
 */
final class LiveFeedRoute {
  private static final Logger log = LoggerFactory.getLogger(LiveFeedRoute.class);
  /** Counter of snapshots re-sent because deltas were skipped or dropped. */
  static final String RESYNC_METRIC = "tagflow.live.feed.resyncs";
  /** Gauge of clients whose deltas are being skipped now (too slow; each gets a resync once drained). */
  static final String BEHIND_METRIC = "tagflow.live.feed.clients.behind";
  /**
   * How far (bytes queued for the socket) a client may fall behind before its deltas are skipped for a
   * resync. A tick at 2,000 movements/s of 20 tags is ~300 KB; this is about a second of that.
   */
  static final int WRITE_QUEUE_BYTES = 4 << 20;

  private final Vertx vertx;
  private final SiteRoutes sites;
  private final Counter resyncs;
  private final AtomicInteger behindClients = new AtomicInteger();

  LiveFeedRoute(Vertx vertx, SiteRoutes sites, ApiServices api) {
    this.vertx = vertx;
    this.sites = sites;
    this.resyncs = Counter.builder(RESYNC_METRIC)
        .description("Live-feed snapshots re-sent to a client whose deltas were skipped (slow client) or dropped")
        .register(api.metrics());
    Gauge.builder(BEHIND_METRIC, behindClients, AtomicInteger::get)
        .description("Live-feed clients too slow to take deltas now; each gets a fresh snapshot once it caught up")
        .register(api.metrics());
  }

  void mount(Router router) {
    router.get("/api/sites/:site/live").handler(this::upgrade);
  }

  private void upgrade(RoutingContext ctx) {
    SiteState site = sites.site(ctx);
    String format = ctx.request().getParam("format");
    if (format != null && !Frame.BATCH.equals(format)) {
      throw ApiException.badRequest("format", "format must be \"batch\" or absent, not \"" + format + "\"");
    }
    if (!ctx.request().canUpgradeToWebSocket()) {
      throw ApiException.badRequest("Upgrade", "this is a WebSocket endpoint: connect with Upgrade: websocket");
    }
    ctx.request().toWebSocket()
        .onSuccess(ws -> stream(ws, site, format != null))
        .onFailure(e -> log.debug("WebSocket upgrade for site {} failed: {}", site.layout().id(), e.toString()));
  }

  private void stream(ServerWebSocket ws, SiteState site, boolean batched) {
    String siteId = site.layout().id();
    ws.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    Client client = new Client(ws, site, batched);
    MessageConsumer<Frame> consumer = vertx.eventBus().consumer(EventBusLiveFeed.address(siteId));
    consumer.handler(msg -> client.send(msg.body()));
    ws.closeHandler(v -> {
      consumer.unregister();
      client.closed();
    });
    ws.exceptionHandler(e -> log.debug("live feed of {}: {}", siteId, e.toString()));
    // Frames are delivered on this context, after this task: none can overtake the snapshot.
    consumer.completion().onSuccess(v -> client.snapshot());
  }

  /** One WebSocket client; runs on its connection's context. */
  private final class Client {
    private final ServerWebSocket ws;
    private final SiteState site;
    private final boolean batched;
    private boolean started;
    private boolean behind;

    Client(ServerWebSocket ws, SiteState site, boolean batched) {
      this.ws = ws;
      this.site = site;
      this.batched = batched;
    }

    void snapshot() {
      if (ws.isClosed()) {
        return;
      }
      String id = site.layout().id();
      ws.writeTextMessage("{\"kind\":\"snapshot\",\"site\":" + Json.encode(id) + ",\"data\":"
          + sites.snapshotJson(site) + "}");
      started = true;
    }

    private void caughtUp() {
      if (behind) {
        behind = false;
        behindClients.decrementAndGet();
      }
    }

    void closed() {
      caughtUp();
    }

    void send(Frame frame) {
      if (!started || behind || ws.isClosed()) {
        // Not started: the snapshot, taken later, holds these deltas. Behind: the resync will.
        return;
      }
      if (frame.resync()) {
        resyncs.increment();
        snapshot();
      } else if (ws.writeQueueFull()) {
        behind = true;
        behindClients.incrementAndGet();
        ws.drainHandler(v -> {
          ws.drainHandler(null);
          caughtUp();
          resyncs.increment();
          snapshot();
        });
      } else if (batched) {
        ws.writeTextMessage(frame.batch());
      } else {
        frame.deltas().forEach(ws::writeTextMessage);
      }
    }
  }
}
