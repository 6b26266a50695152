package io.tagflow.controlplane.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagflow.controlplane.anomaly.AnomalyService;
import io.tagflow.controlplane.anomaly.AnomalyStatus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Anomalies of a site, and acknowledging or resolving one (who and when are recorded). */
final class AnomalyRoutes {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final ApiServices api;
  private final Blocking blocking;

  AnomalyRoutes(ApiServices api, Blocking blocking) {
    this.api = api;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.get("/api/sites/:site/anomalies").handler(ctx -> {
      String site = Fields.pathId(ctx, "site");
      String s = ctx.queryParams().get("status");
      AnomalyStatus status = s == null ? null : Fields.parse("status", s, AnomalyStatus::fromWire);
      int limit = Fields.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT);
      blocking.respond(ctx, 200, () -> api.repositories().anomalies().list(site, status, limit));
    });
    router.post("/api/anomalies/:id/acknowledge").handler(ctx -> change(ctx, AnomalyStatus.ACKNOWLEDGED));
    router.post("/api/anomalies/:id/resolve").handler(ctx -> change(ctx, AnomalyStatus.RESOLVED));
  }

  private void change(RoutingContext ctx, AnomalyStatus next) {
    String id = Fields.pathId(ctx, "id");
    JsonNode body = Json.bodyObject(ctx, "by");
    String by = Fields.who(body);
    blocking.respond(ctx, 200, () -> {
      AnomalyService.Transition t = api.anomalies().changeStatus(id, next, by);
      return switch (t.outcome()) {
        case CHANGED -> t.anomaly().orElseThrow();
        case NOT_FOUND -> throw ApiException.notFound("no anomaly " + id);
        case NOT_ALLOWED -> throw ApiException.conflict("anomaly " + id + " is "
            + t.anomaly().map(a -> a.status().wire()).orElse("gone") + "; it cannot become " + next.wire());
      };
    });
  }
}
