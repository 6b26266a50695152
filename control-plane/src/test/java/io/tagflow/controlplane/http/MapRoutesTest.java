package io.tagflow.controlplane.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tagflow.controlplane.ControlPlane;
import io.tagflow.controlplane.ControlPlaneConfig;
import io.tagflow.controlplane.fixtures.FakeClock;
import io.tagflow.controlplane.fixtures.InMemoryStore;
import io.tagflow.controlplane.model.BinSpec;
import io.tagflow.controlplane.model.DoorSpec;
import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotStatus;
import io.tagflow.controlplane.model.SiteLayout;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The map page's static files and the routes it relies on, over a real server and the in-memory store. */
class MapRoutesTest {
  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  /** Relative ES module imports: {@code from './x.js'}. */
  private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z]+\\.js)'");
  private static Vertx vertx;
  private static InMemoryStore store;
  private static ControlPlane cp;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    store = new InMemoryStore();
    SiteLayout layout = new SiteLayout("dc2", "Placed DC", false,
        List.of(new DoorSpec("D1", List.of(), 0.0, 20.0)),
        List.of(new BinSpec("A-01", 10, 2.0, 3.5), new BinSpec("A-02", 10)));
    ControlPlaneConfig config = new ControlPlaneConfig(new ControlPlaneConfig.Http(null, 0, 4096), null, null, null,
        List.of(layout));
    cp = ControlPlane.start(vertx, config, store.repositories(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        new FakeClock(T0)).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() throws Exception {
    cp.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cp.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void root_andBareMap_redirectToMapPageKeepingQuery() throws Exception {
    HttpResponse<String> root = get("/");
    HttpResponse<String> map = get("/map?site=dc2");

    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValue("/map/");
    assertThat(map.statusCode()).isEqualTo(302);
    assertThat(map.headers().firstValue("Location")).hasValue("/map/?site=dc2");
  }

  @Test
  void mapPage_servedWithSameOriginPolicyAndTestIds() throws Exception {
    HttpResponse<String> page = get("/map/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("default-src 'self'").contains("script-src 'self'"));
    assertThat(page.body()).contains("data-testid=\"floor-map\"", "data-testid=\"connection-banner\"",
        "data-testid=\"anomaly-list\"", "data-testid=\"lot-search-input\"", "data-testid=\"movement-ticker\"",
        "<script type=\"module\" src=\"app.js\">");
    assertThat(page.body()).doesNotContain("http://", "https://");
  }

  @Test
  void mapPage_everyModuleImportedFromAppIsServedAsJavaScript() throws Exception {
    Deque<String> todo = new ArrayDeque<>(List.of("app.js"));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String file = todo.pop();
      if (!seen.add(file)) {
        continue;
      }
      HttpResponse<String> r = get("/map/" + file);
      assertThat(r.statusCode()).as(file).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).as(file)
          .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
      Matcher m = IMPORT.matcher(r.body());
      while (m.find()) {
        todo.add(m.group(1));
      }
    }
    assertThat(seen).contains("app.js", "feed.js", "floor.js", "scale.js", "anomalies.js", "lots.js", "ticker.js");
    assertThat(get("/map/map.css").statusCode()).isEqualTo(200);
    assertThat(get("/map/nope.js").statusCode()).isEqualTo(404);
  }

  @Test
  void site_binsAndDoorsCarryTheirMapPosition_orNullWhenUnplaced() throws Exception {
    JsonNode site = Json.MAPPER.readTree(get("/api/sites/dc2").body());

    assertThat(site.get("bins").get(0).get("x").asDouble()).isEqualTo(2.0);
    assertThat(site.get("bins").get(0).get("y").asDouble()).isEqualTo(3.5);
    assertThat(site.get("bins").get(1).get("x").isNull()).isTrue();
    assertThat(site.get("doors").get(0).get("y").asDouble()).isEqualTo(20.0);
  }

  @Test
  void lots_byStatus_listsOnlyThoseStatusesOrderedById() throws Exception {
    store.create(new Lot("LOT-Z", "09506000134352", null, null, LotStatus.LOCKED, "QA", "qa", T0));
    store.create(new Lot("LOT-A", "09506000134352", null, null, LotStatus.RECALLED, null, "qa", T0));
    store.create(new Lot("LOT-M", "09506000134352", null, null, LotStatus.ACTIVE, null, "qa", T0));

    JsonNode held = Json.MAPPER.readTree(get("/api/lots?status=locked,recalled").body());
    JsonNode all = Json.MAPPER.readTree(get("/api/lots?limit=1000").body());

    assertThat(held.findValuesAsText("id")).containsExactly("LOT-A", "LOT-Z");
    assertThat(held.get(1).get("status").asText()).isEqualTo("locked");
    assertThat(all.findValuesAsText("id")).contains("LOT-A", "LOT-M", "LOT-Z");
  }

  @Test
  void lots_unknownStatus_is400NamingStatus() throws Exception {
    HttpResponse<String> r = get("/api/lots?status=locked,frozen");

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode p = Json.MAPPER.readTree(r.body());
    assertThat(p.get("field").asText()).isEqualTo("status");
    assertThat(p.get("detail").asText()).contains("frozen");
  }
}
