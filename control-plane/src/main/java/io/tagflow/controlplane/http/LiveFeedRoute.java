package io.tagflow.controlplane.http;

import io.tagflow.controlplane.live.SiteState;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/sites/{site}/live}: a WebSocket of the site's changes. The first text message is a
 * {@code snapshot} (the occupancy snapshot); then one message per delta: {@code occupancy} (a bin's new
 * occupancy, absolute, so a repeat is harmless), {@code movement}, {@code anomaly}. Every message is
 * {@code {"kind", "site", "data"}}.
 *
 * <p>The client is subscribed before the snapshot is taken, so nothing falls between the two. A client
 * that reads too slowly (more than {@value #WRITE_QUEUE_BYTES} bytes wait for it) is closed with status
 * 1013 and should reconnect;
 * nothing it sends is read.
 */
final class LiveFeedRoute {
  private static final Logger log = LoggerFactory.getLogger(LiveFeedRoute.class);
  /** WebSocket close status "try again later" (RFC 6455 §7.4.1 registry). */
  private static final short TRY_AGAIN_LATER = 1013;
  /**
   * How far (bytes queued for the socket) a client may fall behind before it counts as too slow. A
   * committed ingest batch of 500 movements arrives as one burst of about 1.5 MB of movement deltas; with
   * the default of 64 KiB (Netty's high-water mark) one such burst can close a client that keeps up on average.
   */
  static final int WRITE_QUEUE_BYTES = 4 << 20;

  private final Vertx vertx;
  private final SiteRoutes sites;

  LiveFeedRoute(Vertx vertx, SiteRoutes sites) {
    this.vertx = vertx;
    this.sites = sites;
  }

  void mount(Router router) {
    router.get("/api/sites/:site/live").handler(this::upgrade);
  }

  private void upgrade(RoutingContext ctx) {
    SiteState site = sites.site(ctx);
    if (!ctx.request().canUpgradeToWebSocket()) {
      throw ApiException.badRequest("Upgrade", "this is a WebSocket endpoint: connect with Upgrade: websocket");
    }
    ctx.request().toWebSocket()
        .onSuccess(ws -> stream(ws, site))
        .onFailure(e -> log.debug("WebSocket upgrade for site {} failed: {}", site.layout().id(), e.toString()));
  }

  private void stream(ServerWebSocket ws, SiteState site) {
    String siteId = site.layout().id();
    ws.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    MessageConsumer<String> consumer = vertx.eventBus().consumer(EventBusLiveFeed.address(siteId));
    consumer.handler(msg -> {
      if (ws.isClosed()) {
        return;
      }
      if (ws.writeQueueFull()) {
        consumer.unregister();
        ws.close(TRY_AGAIN_LATER, "client too slow; reconnect");
      } else {
        ws.writeTextMessage(msg.body());
      }
    });
    ws.closeHandler(v -> consumer.unregister());
    ws.exceptionHandler(e -> log.debug("live feed of {}: {}", siteId, e.toString()));
    consumer.completion().onSuccess(v -> ws.writeTextMessage(Json.encode(
        new EventBusLiveFeed.Envelope("snapshot", siteId, sites.snapshot(site)))));
  }
}
