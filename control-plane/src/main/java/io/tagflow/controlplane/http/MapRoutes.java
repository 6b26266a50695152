package io.tagflow.controlplane.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The supervisor's occupancy map: static files (HTML, ES modules, CSS) from the classpath folder
 * {@value #WEBROOT}, served at {@code /map/}; {@code /} and {@code /map} redirect there so that the
 * page's relative module imports resolve. The page talks only to this server's API and live feed, which
 * its Content-Security-Policy states.
 */
final class MapRoutes {
  static final String WEBROOT = "webroot/map";
  static final String PATH = "/map/";
  /** Same origin only: no CDN, no inline script; the live feed is a WebSocket to this host. */
  static final String CSP = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:;"
      + " style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  void mount(Router router) {
    router.get("/").handler(MapRoutes::redirect);
    router.get("/map").handler(MapRoutes::redirect);
    router.get(PATH + "*")
        .handler(ctx -> {
          ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff");
          ctx.next();
        })
        .handler(StaticHandler.create(WEBROOT).setCachingEnabled(false).setDirectoryListing(false));
  }

  private static void redirect(RoutingContext ctx) {
    // Vert.x matches "/map" for "/map/" too: only the bare paths redirect, or the page would loop.
    if (ctx.request().path().endsWith("/") && !"/".equals(ctx.request().path())) {
      ctx.next();
      return;
    }
    String query = ctx.request().query();
    ctx.response().setStatusCode(302).putHeader("Location", query == null ? PATH : PATH + "?" + query).end();
  }
}
