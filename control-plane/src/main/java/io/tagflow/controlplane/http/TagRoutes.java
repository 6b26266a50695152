package io.tagflow.controlplane.http;

import io.tagflow.controlplane.live.TagPosition;
import io.tagflow.controlplane.model.TagRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The tag registry: import (CSV or JSON) and look-up of one tag. */
final class TagRoutes {
  /** The response lists at most this many rejected rows (and says how many there were). */
  static final int MAX_REPORTED = 1000;

  private final ApiServices api;
  private final Blocking blocking;

  TagRoutes(ApiServices api, Blocking blocking) {
    this.api = api;
    this.blocking = blocking;
  }

  /** What an import did: rows stored, rows rejected (sorted by line, at most {@link #MAX_REPORTED}). */
  record ImportResult(int accepted, int rejectedCount, List<TagImport.Rejected> rejected) {
  }

  /** One tag: its lot (null when unregistered) and where it is now (null when never seen). */
  record TagView(String epc, String lot, TagPosition position) {
  }

  void mount(Router router) {
    router.post("/api/tags/import").handler(this::importTags);
    router.get("/api/tags/:epc").handler(this::find);
  }

  private void importTags(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String body = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
    TagImport.Parsed parsed;
    if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
      parsed = TagImport.csv(body);
    } else if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      parsed = TagImport.json(body);
    } else {
      throw ApiException.badRequest("Content-Type", "send text/csv or application/json");
    }
    blocking.respond(ctx, 200, () -> {
      List<TagImport.Rejected> rejected = new ArrayList<>(parsed.rejected());
      Map<String, Boolean> lotExists = parsed.rows().stream().map(r -> r.tag().lotId()).distinct()
          .collect(Collectors.toMap(l -> l, l -> api.repositories().lots().find(l).isPresent()));
      List<TagRecord> good = new ArrayList<>();
      for (TagImport.Row r : parsed.rows()) {
        if (lotExists.get(r.tag().lotId())) {
          good.add(r.tag());
        } else {
          rejected.add(new TagImport.Rejected(r.line(), "lot", "no lot " + r.tag().lotId()));
        }
      }
      if (!good.isEmpty()) {
        api.repositories().tags().upsertAll(good);
      }
      rejected.sort(Comparator.comparingInt(TagImport.Rejected::line));
      return new ImportResult(good.size(), rejected.size(),
          rejected.size() > MAX_REPORTED ? rejected.subList(0, MAX_REPORTED) : rejected);
    });
  }

  private void find(RoutingContext ctx) {
    String epc = Fields.parse("epc", ctx.pathParam("epc"), TagRecord::normaliseEpc);
    blocking.respond(ctx, 200, () -> {
      String lot = api.repositories().tags().lotOf(epc).orElse(null);
      TagPosition position = api.live().position(epc).orElse(null);
      if (lot == null && position == null) {
        throw ApiException.notFound("tag " + epc + " is neither registered nor seen");
      }
      return new TagView(epc, lot, position);
    });
  }
}
