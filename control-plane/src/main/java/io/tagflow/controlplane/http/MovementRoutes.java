package io.tagflow.controlplane.http;

import io.tagflow.controlplane.store.MovementCursor;
import io.tagflow.controlplane.store.MovementPage;
import io.tagflow.controlplane.store.MovementQuery;
import io.tagflow.controlplane.store.MovementSummary;
import io.tagflow.protocol.event.Direction;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/**
 * Movements of a site by time range, door, direction and lot, newest first, keyset-paginated. Time
 * is the movement's time (the timestamp of its UUIDv7 id: when the gateway concluded it).
 */
final class MovementRoutes {
  /** Open ends of the time range. */
  static final Instant EARLIEST = Instant.EPOCH;
  static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");
  static final int DEFAULT_LIMIT = 50;

  private final ApiServices api;
  private final Blocking blocking;

  MovementRoutes(ApiServices api, Blocking blocking) {
    this.api = api;
    this.blocking = blocking;
  }

  /** A page: {@code next} is the cursor to pass for the following page, null on the last one. */
  record Page(List<MovementSummary> items, String next) {
  }

  void mount(Router router) {
    router.get("/api/sites/:site/movements").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    String site = Fields.pathId(ctx, "site");
    MultiMap q = ctx.queryParams();
    Instant from = Fields.optionalInstant("from", q.get("from"));
    Instant to = Fields.optionalInstant("to", q.get("to"));
    from = from == null ? EARLIEST : from;
    to = to == null ? LATEST : to;
    if (!from.isBefore(to)) {
      throw ApiException.badRequest("to", "to must be after from");
    }
    MovementQuery query = new MovementQuery(site, from, to, null, null, null,
        Fields.limit(ctx, DEFAULT_LIMIT, MovementQuery.MAX_LIMIT), null);
    if (q.get("door") != null) {
      query = query.withDoor(Fields.id("door", q.get("door")));
    }
    if (q.get("lot") != null) {
      query = query.withLot(Fields.id("lot", q.get("lot")));
    }
    if (q.get("direction") != null) {
      Direction direction = Direction.fromJson(q.get("direction").toUpperCase(java.util.Locale.ROOT));
      if (direction == null) {
        throw ApiException.badRequest("direction", "direction must be IN or OUT");
      }
      query = query.withDirection(direction);
    }
    if (q.get("cursor") != null) {
      query = query.after(Fields.parse("cursor", q.get("cursor"), MovementCursor::parse));
    }
    MovementQuery finalQuery = query;
    blocking.respond(ctx, 200, () -> {
      MovementPage page = api.repositories().movements().find(finalQuery);
      return new Page(page.movements(), page.next() == null ? null : page.next().token());
    });
  }
}
