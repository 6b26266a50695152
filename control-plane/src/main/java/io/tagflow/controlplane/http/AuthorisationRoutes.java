package io.tagflow.controlplane.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagflow.controlplane.model.ShipmentAuthorisation;
import io.tagflow.controlplane.model.SiteLayout;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.UUID;

/** Shipment authorisations of a site: list, create, close. */
final class AuthorisationRoutes {
  static final int LIST_LIMIT = 1000;

  private final ApiServices api;
  private final Blocking blocking;

  AuthorisationRoutes(ApiServices api, Blocking blocking) {
    this.api = api;
    this.blocking = blocking;
  }

  void mount(Router router) {
    router.get("/api/sites/:site/authorisations").handler(ctx -> {
      String site = configuredSite(ctx).id();
      int limit = Fields.limit(ctx, LIST_LIMIT, LIST_LIMIT);
      blocking.respond(ctx, 200, () -> api.repositories().authorisations().list(site, limit));
    });
    router.post("/api/sites/:site/authorisations").handler(this::create);
    router.post("/api/sites/:site/authorisations/:id/close").handler(ctx -> {
      String site = configuredSite(ctx).id();
      String id = Fields.pathId(ctx, "id");
      blocking.respond(ctx, 200, () -> api.repositories().authorisations().close(id)
          .filter(a -> a.site().equals(site))
          .orElseThrow(() -> ApiException.notFound("site " + site + " has no authorisation " + id)));
    });
  }

  private void create(RoutingContext ctx) {
    SiteLayout site = configuredSite(ctx);
    JsonNode body = Json.bodyObject(ctx, "door", "lot", "quantity", "validUntil", "by");
    String door = Fields.requiredId(body, "door");
    if (site.door(door).isEmpty()) {
      throw ApiException.badRequest("door", "site " + site.id() + " has no door " + door);
    }
    String lot = Fields.requiredId(body, "lot");
    int quantity = Fields.requiredPositiveInt(body, "quantity");
    Instant validUntil = Fields.optionalInstant("validUntil", Fields.optionalText(body, "validUntil"));
    String by = Fields.who(body);
    if (validUntil != null && !validUntil.isAfter(api.clock().instant())) {
      throw ApiException.badRequest("validUntil", "validUntil must be in the future");
    }
    ShipmentAuthorisation a = new ShipmentAuthorisation(UUID.randomUUID().toString(), site.id(), door, lot, quantity, 0,
        validUntil, true, by, api.clock().instant());
    blocking.respond(ctx, 201, () -> {
      if (api.repositories().lots().find(lot).isEmpty()) {
        throw ApiException.badRequest("lot", "no lot " + lot);
      }
      api.repositories().authorisations().create(a);
      ctx.response().putHeader("Location", "/api/sites/" + site.id() + "/authorisations/" + a.id());
      return a;
    });
  }

  private SiteLayout configuredSite(RoutingContext ctx) {
    String site = Fields.pathId(ctx, "site");
    return api.layout(site).orElseThrow(() -> ApiException.notFound("no configured site " + site));
  }
}
