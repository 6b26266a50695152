package io.tagflow.controlplane.http;

import io.tagflow.controlplane.live.BinOccupancy;
import io.tagflow.controlplane.live.SiteState;
import io.tagflow.controlplane.live.TagPosition;
import io.tagflow.controlplane.model.SiteLayout;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/** Site layout, occupancy snapshot and bin detail: answered from the live state, on the event loop. */
final class SiteRoutes {
  private final ApiServices api;
  private final OccupancyCache occupancy = new OccupancyCache();

  SiteRoutes(ApiServices api) {
    this.api = api;
  }

  /** The snapshot body: also the first message of the live feed. */
  record OccupancySnapshot(String site, Instant at, List<BinOccupancy> bins) {
  }

  record BinDetail(String site, BinOccupancy occupancy, List<TagPosition> tags) {
  }

  void mount(Router router) {
    router.get("/api/sites").handler(ctx -> Json.send(ctx, 200, api.layouts()));
    router.get("/api/sites/:site").handler(ctx -> Json.send(ctx, 200, layout(ctx)));
    router.get("/api/sites/:site/occupancy").handler(ctx -> ctx.response().setStatusCode(200)
        .putHeader("Content-Type", "application/json").end(snapshotJson(site(ctx))));
    router.get("/api/sites/:site/bins/:bin").handler(this::bin);
  }

  OccupancySnapshot snapshot(SiteState site) {
    return new OccupancySnapshot(site.layout().id(), api.clock().instant(), site.occupancy());
  }

  /**
   * The JSON of {@link #snapshot}, byte for byte as {@link Json#encode} writes it, with the bins taken from
   * the per-site cache (encoded once per change) and only the site id and time written per request.
   */
  Buffer snapshotJson(SiteState site) {
    byte[] bins = occupancy.binsJson(site);
    String head = "{\"site\":" + Json.encode(site.layout().id()) + ",\"at\":" + Json.encode(api.clock().instant())
        + ",\"bins\":";
    return Buffer.buffer(head.length() + bins.length + 1).appendString(head).appendBytes(bins).appendString("}");
  }

  private void bin(RoutingContext ctx) {
    SiteState site = site(ctx);
    String bin = Fields.pathId(ctx, "bin");
    BinOccupancy occupancy = site.occupancy(bin)
        .orElseThrow(() -> ApiException.notFound("site " + site.layout().id() + " has no bin " + bin));
    Json.send(ctx, 200, new BinDetail(site.layout().id(), occupancy, site.tagsIn(bin)));
  }

  private SiteLayout layout(RoutingContext ctx) {
    return site(ctx).layout();
  }

  /** The site named by the path, configured or seen in events; 404 otherwise. */
  SiteState site(RoutingContext ctx) {
    String site = Fields.pathId(ctx, "site");
    return api.live().find(site).orElseThrow(() -> ApiException.notFound("no site " + site));
  }
}
