package io.tagflow.controlplane.http;

import io.tagflow.controlplane.model.Ids;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLTransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole API, top to bottom: metrics, body limit, documents, resources, then the error boundary.
 * Routes are described in {@code /openapi.yaml} ({@link #OPENAPI_RESOURCE}).
 */
public final class ApiRouter {
  private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);
  /** The hand-written OpenAPI 3 description, served at {@code /openapi.yaml}. */
  public static final String OPENAPI_RESOURCE = "/io/tagflow/controlplane/http/openapi.yaml";

  private ApiRouter() {
  }

  public static Router create(Vertx vertx, ApiServices api, Blocking blocking) {
    Router router = Router.router(vertx);
    router.route().handler(new HttpMetrics(api.metrics()));
    // Only requests with bodies: a WebSocket upgrade (GET) must not have its request read by BodyHandler.
    // One catch-all route rather than router.post()/put(): method-specific catch-alls would turn every
    // unknown path into a 405.
    BodyHandler body = BodyHandler.create(false).setBodyLimit(api.bodyLimitBytes());
    router.route().handler(ctx -> {
      HttpMethod m = ctx.request().method();
      if (m == HttpMethod.POST || m == HttpMethod.PUT) {
        body.handle(ctx);
      } else {
        ctx.next();
      }
    });

    Buffer openapi = openapi();
    router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openapi));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(api.metrics().scrape()));

    SiteRoutes sites = new SiteRoutes(api);
    sites.mount(router);
    new LiveFeedRoute(vertx, sites, api).mount(router);
    new MovementRoutes(api, blocking).mount(router);
    new LotRoutes(api, blocking).mount(router);
    new TagRoutes(api, blocking).mount(router);
    new AuthorisationRoutes(api, blocking).mount(router);
    new AnomalyRoutes(api, blocking).mount(router);
    new MapRoutes().mount(router);

    router.route().failureHandler(ctx -> failure(ctx, api.bodyLimitBytes()));
    router.errorHandler(404, ctx -> Json.send(ctx, Problem.notFound(
        "no resource " + ctx.request().method() + " " + path(ctx))));
    router.errorHandler(405, ctx -> Json.send(ctx, Problem.methodNotAllowed(
        ctx.request().method() + " is not allowed on " + path(ctx))));
    return router;
  }

  /** The error boundary: every failure becomes a problem body; only unexpected ones are logged, once. */
  private static void failure(RoutingContext ctx, long bodyLimit) {
    if (ctx.response().ended()) {
      return;
    }
    Throwable t = ctx.failure();
    if (t instanceof ApiException e) {
      Json.send(ctx, e.problem());
    } else if (t == null && ctx.statusCode() == 413) {
      Json.send(ctx, Problem.tooLarge(bodyLimit));
    } else if (t == null && ctx.statusCode() == 404) {
      Json.send(ctx, Problem.notFound("no resource " + ctx.request().method() + " " + path(ctx)));
    } else if (t == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      Json.send(ctx, new Problem("urn:tagflow:problem:invalid-request", "Invalid request", ctx.statusCode(),
          "the request could not be processed", null));
    } else if (isUnavailable(t)) {
      log.warn("{} {}: store unavailable: {}", ctx.request().method(), path(ctx), t.toString());
      Json.send(ctx, Problem.unavailable());
    } else {
      log.error("{} {} failed", ctx.request().method(), path(ctx), t);
      Json.send(ctx, Problem.internal());
    }
  }

  private static boolean isUnavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLTransientException) {
        return true;
      }
    }
    return false;
  }

  private static Buffer openapi() {
    try (InputStream in = ApiRouter.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the build");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The request path, cut, for messages and logs. */
  private static String path(RoutingContext ctx) {
    return Ids.abbreviate(ctx.normalizedPath());
  }
}
