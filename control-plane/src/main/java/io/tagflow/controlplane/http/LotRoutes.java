package io.tagflow.controlplane.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagflow.controlplane.live.TagPosition;
import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotStatus;
import io.tagflow.controlplane.store.LotMovement;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Lots: create, read, update, lock and unlock, and the lot trace. */
final class LotRoutes {
  /** A trace lists at most this many movements and tags. */
  static final int TRACE_LIMIT = 10_000;
  static final int DEFAULT_LIST_LIMIT = 100;
  static final int MAX_LIST_LIMIT = 1000;

  private final ApiServices api;
  private final Blocking blocking;

  LotRoutes(ApiServices api, Blocking blocking) {
    this.api = api;
    this.blocking = blocking;
  }

  /** Where one tag of a lot is now; {@code position} is null when no site has seen it. */
  record TagTrace(String epc, TagPosition position) {
  }

  /** Every movement of a lot (oldest first) and the current position of every tag of it. */
  record Trace(Lot lot, List<LotMovement> movements, List<TagTrace> tags) {
  }

  void mount(Router router) {
    router.post("/api/lots").handler(this::create);
    router.get("/api/lots").handler(this::list);
    router.get("/api/lots/:lot").handler(ctx -> {
      String id = Fields.pathId(ctx, "lot");
      blocking.respond(ctx, 200, () -> find(id));
    });
    router.put("/api/lots/:lot").handler(this::update);
    router.post("/api/lots/:lot/lock").handler(ctx -> setStatus(ctx, true));
    router.post("/api/lots/:lot/unlock").handler(ctx -> setStatus(ctx, false));
    router.get("/api/lots/:lot/trace").handler(this::trace);
  }

  /** {@code ?status=locked,quarantined}: lots with any of those statuses (default: every status). */
  private void list(RoutingContext ctx) {
    Set<LotStatus> statuses = EnumSet.allOf(LotStatus.class);
    String s = ctx.queryParams().get("status");
    if (s != null) {
      statuses = EnumSet.noneOf(LotStatus.class);
      for (String one : s.split(",", -1)) {
        statuses.add(Fields.parse("status", one.trim(), LotStatus::fromWire));
      }
    }
    Set<LotStatus> wanted = statuses;
    int limit = Fields.limit(ctx, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
    blocking.respond(ctx, 200, () -> api.repositories().lots().withStatus(wanted, limit));
  }

  private Lot find(String id) {
    return api.repositories().lots().find(id).orElseThrow(() -> ApiException.notFound("no lot " + id));
  }

  private void create(RoutingContext ctx) {
    JsonNode body = Json.bodyObject(ctx, "id", "gtin", "description", "expiresOn", "by");
    Lot lot = lotFrom(body, Fields.requiredId(body, "id"), LotStatus.ACTIVE, null);
    blocking.respond(ctx, 201, () -> {
      if (!api.repositories().lots().create(lot)) {
        throw ApiException.conflict("lot " + lot.id() + " exists");
      }
      ctx.response().putHeader("Location", "/api/lots/" + lot.id());
      return lot;
    });
  }

  private void update(RoutingContext ctx) {
    String id = Fields.pathId(ctx, "lot");
    // No status: it changes only through lock and unlock.
    JsonNode body = Json.bodyObject(ctx, "gtin", "description", "expiresOn", "by");
    blocking.respond(ctx, 200, () -> {
      Lot current = find(id);
      Lot changed = lotFrom(body, id, current.status(), current.statusReason());
      return api.repositories().lots().update(changed).orElseThrow(() -> ApiException.notFound("no lot " + id));
    });
  }

  /** The descriptive fields from the body; status is kept. */
  private Lot lotFrom(JsonNode body, String id, LotStatus status, String reason) {
    String gtin = Fields.requiredText(body, "gtin");
    String description = Fields.optionalText(body, "description");
    LocalDate expiresOn = Fields.optionalDate(body, "expiresOn");
    String by = Fields.who(body);
    if (!gtin.matches("\\d{14}")) {
      throw ApiException.badRequest("gtin", "gtin must be the 14 digits of a GTIN-14");
    }
    return new Lot(id, gtin, description, expiresOn, status, reason, by, api.clock().instant());
  }

  /** Lock: body {@code status} locked (default), quarantined or recalled. Unlock: back to active. */
  private void setStatus(RoutingContext ctx, boolean lock) {
    String id = Fields.pathId(ctx, "lot");
    JsonNode body = lock ? Json.bodyObject(ctx, "status", "reason", "by") : Json.bodyObject(ctx, "reason", "by");
    String by = Fields.who(body);
    String reason = Fields.optionalText(body, "reason");
    LotStatus next = LotStatus.ACTIVE;
    if (lock) {
      String s = Fields.optionalText(body, "status");
      next = s == null ? LotStatus.LOCKED : Fields.parse("status", s, LotStatus::fromWire);
      if (next == LotStatus.ACTIVE) {
        throw ApiException.badRequest("status", "a lock sets locked, quarantined or recalled; use unlock for active");
      }
    }
    LotStatus status = next;
    blocking.respond(ctx, 200, () -> {
      Lot changed = find(id).withStatus(status, reason, by, api.clock().instant());
      return api.repositories().lots().update(changed).orElseThrow(() -> ApiException.notFound("no lot " + id));
    });
  }

  private void trace(RoutingContext ctx) {
    String id = Fields.pathId(ctx, "lot");
    blocking.respond(ctx, 200, () -> {
      Lot lot = find(id);
      List<LotMovement> movements = api.repositories().movements().ofLot(id, TRACE_LIMIT);
      List<TagTrace> tags = api.repositories().tags().epcsOfLot(id, TRACE_LIMIT).stream()
          .map(epc -> new TagTrace(epc, api.live().position(epc).orElse(null))).toList();
      return new Trace(lot, movements, tags);
    });
  }
}
