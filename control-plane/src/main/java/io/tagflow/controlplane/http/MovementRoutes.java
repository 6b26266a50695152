package io.tagflow.controlplane.http;

import io.tagflow.controlplane.repository.MovementCursor;
import io.tagflow.controlplane.repository.MovementPage;
import io.tagflow.controlplane.repository.MovementQuery;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.MovementEvent;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/** Movements of a site by time range, door, direction and lot, newest first, keyset-paginated. */
final class MovementRoutes {
  private final ApiServices api;
  private final Blocking blocking;

  MovementRoutes(ApiServices api, Blocking blocking) {
    this.api = api;
    this.blocking = blocking;
  }

  /** A page: {@code next} is the cursor to pass for the following page, null on the last one. */
  record Page(List<MovementEvent> items, String next) {
  }

  void mount(Router router) {
    router.get("/api/sites/:site/movements").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    String site = Fields.pathId(ctx, "site");
    MultiMap q = ctx.queryParams();
    Instant from = Fields.optionalInstant("from", q.get("from"));
    Instant to = Fields.optionalInstant("to", q.get("to"));
    if (from != null && to != null && !from.isBefore(to)) {
      throw ApiException.badRequest("to", "to must be after from");
    }
    String door = q.get("door") == null ? null : Fields.id("door", q.get("door"));
    String lot = q.get("lot") == null ? null : Fields.id("lot", q.get("lot"));
    Direction direction = null;
    if (q.get("direction") != null) {
      direction = Direction.fromJson(q.get("direction").toUpperCase(java.util.Locale.ROOT));
      if (direction == null) {
        throw ApiException.badRequest("direction", "direction must be IN or OUT");
      }
    }
    MovementCursor after = q.get("cursor") == null ? null : Fields.parse("cursor", q.get("cursor"), MovementCursor::parse);
    int limit = Fields.limit(ctx, MovementQuery.DEFAULT_LIMIT, MovementQuery.MAX_LIMIT);
    MovementQuery query = new MovementQuery(site, from, to, door, direction, lot, after, limit);
    blocking.respond(ctx, 200, () -> {
      MovementPage page = api.repositories().movements().find(query);
      return new Page(page.items(), page.next().map(MovementCursor::token).orElse(null));
    });
  }
}
