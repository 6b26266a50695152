package io.tagflow.controlplane.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

/**
 * Times every request as {@value #METRIC}, tagged method, status and route: the route template (e.g.
 * {@code /api/sites/:site/occupancy}) of the route that answered; {@code failed} when the failure
 * handler answered and {@code unmatched} when no route did (so paths never explode the tag values).
 */
final class HttpMetrics implements Handler<RoutingContext> {
  static final String METRIC = "tagflow.http.requests";

  private final MeterRegistry registry;

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Timer.Sample sample = Timer.start(registry);
    ctx.addEndHandler(v -> {
      Route route = ctx.currentRoute();
      String template = ctx.failed() ? "failed"
          : route == null || route.getPath() == null ? "unmatched" : route.getPath();
      sample.stop(Timer.builder(METRIC).description("HTTP requests by route and status")
          .tag("method", ctx.request().method().name())
          .tag("status", Integer.toString(ctx.response().getStatusCode()))
          .tag("route", template)
          .register(registry));
    });
    ctx.next();
  }
}
