package io.tagflow.controlplane.http;

import static io.tagflow.controlplane.fixtures.Layouts.epc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tagflow.controlplane.ControlPlane;
import io.tagflow.controlplane.ControlPlaneConfig;
import io.tagflow.controlplane.fixtures.Events;
import io.tagflow.controlplane.fixtures.FakeClock;
import io.tagflow.controlplane.fixtures.FeedClient;
import io.tagflow.controlplane.fixtures.InMemoryStore;
import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.MovementEvent;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API over a real Vert.x server on a free loopback port, backed by the in-memory test store. */
class ApiHttpTest {
  static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  static Vertx vertx;
  static InMemoryStore store;
  static ControlPlane cp;
  static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    store = new InMemoryStore();
    ControlPlaneConfig config = new ControlPlaneConfig(new ControlPlaneConfig.Http(null, 0, 4096), null, null, null,
        List.of(Layouts.dc1(false)));
    cp = ControlPlane.start(vertx, config, store.repositories(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        new FakeClock(T0)).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() throws Exception {
    cp.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cp.port() + path));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null, null);
  }

  static HttpResponse<String> post(String path, String json) throws Exception {
    return send("POST", path, "application/json", json);
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  static void assertProblem(HttpResponse<String> r, int status, String field) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
    JsonNode p = json(r);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("type").asText()).startsWith("urn:tagflow:problem:");
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    if (field != null) {
      assertThat(p.get("field").asText()).isEqualTo(field);
    }
  }

  @Test
  void sites_listsConfiguredLayout() throws Exception {
    HttpResponse<String> r = get("/api/sites");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode site = json(r).get(0);
    assertThat(site.get("id").asText()).isEqualTo("dc1");
    assertThat(site.get("bins")).hasSize(3);
    assertThat(site.get("doors").get(0).get("stagingPoints").get(0).asText()).isEqualTo("stage-1");
  }

  @Test
  void occupancy_afterLocationEvent_showsCountLotsAndFill() throws Exception {
    store.upsertAll(List.of(new io.tagflow.controlplane.model.TagRecord(epc(501), "LOT-OCC")));
    cp.events().accept(Events.location(epc(501), "B-01", T0));

    JsonNode bins = json(get("/api/sites/dc1/occupancy")).get("bins");
    JsonNode b01 = bins.get(2);
    assertThat(b01.get("bin").asText()).isEqualTo("B-01");
    assertThat(b01.get("count").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(b01.get("lots").get("LOT-OCC").asInt()).isEqualTo(1);
    assertThat(b01.get("fillPercent").asInt()).isEqualTo(b01.get("count").asInt() * 10);

    JsonNode detail = json(get("/api/sites/dc1/bins/B-01"));
    assertThat(detail.get("tags").findValuesAsText("epc")).contains(epc(501));
  }

  @Test
  void occupancy_requestAfterChange_seesChangeAndMatchesSnapshotEncoding() throws Exception {
    JsonNode before = json(get("/api/sites/dc1/occupancy"));
    int countBefore = before.get("bins").get(1).get("count").asInt();
    cp.events().accept(Events.location(epc(777), "A-02", T0.plusSeconds(30)));

    HttpResponse<String> r = get("/api/sites/dc1/occupancy");

    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode after = json(r);
    assertThat(after.get("site").asText()).isEqualTo("dc1");
    assertThat(after.get("at").asText()).isEqualTo(T0.toString());
    assertThat(after.get("bins").get(1).get("bin").asText()).isEqualTo("A-02");
    assertThat(after.get("bins").get(1).get("count").asInt()).isEqualTo(countBefore + 1);
    assertThat(after.get("bins").get(1).get("unregistered").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(r.body()).isEqualTo(Json.encode(new SiteRoutes.OccupancySnapshot("dc1", T0,
        cp.live().find("dc1").orElseThrow().occupancy())));
  }

  @Test
  void bin_unknown_is404Problem() throws Exception {
    assertProblem(get("/api/sites/dc1/bins/Z-99"), 404, null);
    assertProblem(get("/api/sites/nope/occupancy"), 404, null);
    assertProblem(get("/api/nothing/here"), 404, null);
  }

  @Test
  void bin_badId_is400NamingBin() throws Exception {
    assertProblem(get("/api/sites/dc1/bins/bad%20bin"), 400, "bin");
  }

  @Test
  void lots_createConflictLockUnlock() throws Exception {
    HttpResponse<String> created = post("/api/lots",
        "{\"id\":\"LOT-A\",\"gtin\":\"09506000134352\",\"expiresOn\":\"2027-01-31\",\"by\":\"alice\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/lots/LOT-A");
    assertThat(json(created).get("status").asText()).isEqualTo("active");

    assertProblem(post("/api/lots", "{\"id\":\"LOT-A\",\"gtin\":\"09506000134352\",\"by\":\"bob\"}"), 409, null);

    JsonNode locked = json(post("/api/lots/LOT-A/lock", "{\"by\":\"carol\",\"status\":\"recalled\",\"reason\":\"ecoli\"}"));
    assertThat(locked.get("status").asText()).isEqualTo("recalled");
    assertThat(locked.get("updatedBy").asText()).isEqualTo("carol");
    assertThat(locked.get("updatedAt").asText()).isEqualTo(T0.toString());

    JsonNode unlocked = json(post("/api/lots/LOT-A/unlock", "{\"by\":\"dave\"}"));
    assertThat(unlocked.get("status").asText()).isEqualTo("active");

    JsonNode updated = json(send("PUT", "/api/lots/LOT-A", "application/json", "{\"gtin\":\"09506000134352\",\"description\":\"apples\",\"by\":\"eve\"}"));
    assertThat(updated.get("description").asText()).isEqualTo("apples");
    assertThat(updated.get("status").asText()).isEqualTo("active");
  }

  @Test
  void lots_badFields_are400NamingTheField() throws Exception {
    assertProblem(post("/api/lots", "{\"id\":\"LOT-B\",\"gtin\":\"12ab\",\"by\":\"a\"}"), 400, "gtin");
    assertProblem(post("/api/lots", "{\"id\":\"LOT-B\",\"gtin\":\"09506000134352\",\"expiresOn\":\"31/01/2027\",\"by\":\"a\"}"), 400, "expiresOn");
    assertProblem(post("/api/lots", "{\"gtin\":\"09506000134352\",\"by\":\"a\"}"), 400, "id");
    assertProblem(post("/api/lots", "{\"id\":\"LOT-B\",\"gtin\":\"09506000134352\"}"), 400, "by");
    assertProblem(post("/api/lots", "{\"id\":"), 400, "body");
    assertProblem(post("/api/lots", "[1,2]"), 400, "body");
    assertProblem(post("/api/lots/NOPE/lock", "{\"by\":\"a\"}"), 404, null);
    assertProblem(post("/api/lots/NOPE/lock", "{\"by\":\"a\",\"status\":\"melted\"}"), 400, "status");
  }

  @Test
  void start_portTaken_failsNamingTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ControlPlaneConfig config = new ControlPlaneConfig(
          new ControlPlaneConfig.Http("127.0.0.1", taken.getLocalPort(), null), null, null, null, List.of());

      Throwable failure = ControlPlane.start(vertx, config, new InMemoryStore().repositories(),
          new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new FakeClock(T0))
          .toCompletionStage().toCompletableFuture().handle((started, e) -> e).get(20, TimeUnit.SECONDS);

      assertThat(failure).isNotNull();
      assertThat(failure instanceof CompletionException wrapped ? wrapped.getCause() : failure)
          .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
    }
  }

  @Test
  void bodies_unknownMember_are400NamingItAndNothingIsStored() throws Exception {
    // "expiry" for "expiresOn": without the check the lot was created with no expiry at all.
    HttpResponse<String> misspelt = post("/api/lots",
        "{\"id\":\"LOT-U\",\"gtin\":\"09506000134352\",\"expiry\":\"2027-01-31\",\"by\":\"a\"}");
    assertProblem(misspelt, 400, "expiry");
    assertThat(json(misspelt).get("detail").asText())
        .isEqualTo("unknown field 'expiry' (expected by, description, expiresOn, gtin, id)");
    assertProblem(get("/api/lots/LOT-U"), 404, null);

    post("/api/lots", "{\"id\":\"LOT-U\",\"gtin\":\"09506000134352\",\"by\":\"a\"}");
    // A status in an update would be ignored: it changes only through lock and unlock.
    assertProblem(send("PUT", "/api/lots/LOT-U", "application/json",
        "{\"gtin\":\"09506000134352\",\"status\":\"recalled\",\"by\":\"a\"}"), 400, "status");
    assertProblem(post("/api/lots/LOT-U/unlock", "{\"status\":\"active\",\"by\":\"a\"}"), 400, "status");
    assertProblem(post("/api/lots/LOT-U/lock", "{\"state\":\"recalled\",\"by\":\"a\"}"), 400, "state");
    assertThat(json(get("/api/lots/LOT-U")).get("status").asText()).isEqualTo("active");
    assertProblem(post("/api/sites/dc1/authorisations",
        "{\"door\":\"door-1\",\"lot\":\"LOT-U\",\"qty\":5,\"by\":\"a\"}"), 400, "qty");
    assertProblem(post("/api/anomalies/any/acknowledge", "{\"by\":\"a\",\"note\":\"x\"}"), 400, "note");
  }

  @Test
  void body_overLimit_is413Problem() throws Exception {
    String big = "{\"id\":\"LOT-C\",\"gtin\":\"09506000134352\",\"description\":\"" + "x".repeat(5000) + "\",\"by\":\"a\"}";

    assertProblem(post("/api/lots", big), 413, null);
  }

  @Test
  void repositoryFailure_is500WithoutDetails() throws Exception {
    store.failNextLotLookup = new IllegalStateException("secret connection string jdbc:postgresql://x");

    HttpResponse<String> r = get("/api/lots/ANY");

    assertProblem(r, 500, null);
    assertThat(r.body()).doesNotContain("secret").doesNotContain("IllegalState");
  }

  @Test
  void tagImport_csvWithBadRows_keepsGoodOnesAndReportsLines() throws Exception {
    post("/api/lots", "{\"id\":\"LOT-T\",\"gtin\":\"09506000134352\",\"by\":\"a\"}");
    String csv = "epc,lot\n"
        + epc(601) + ",LOT-T\n"
        + "zzzz,LOT-T\n"
        + epc(602) + ",LOT-MISSING\n"
        + epc(603) + ",LOT-T\n";

    HttpResponse<String> r = send("POST", "/api/tags/import", "text/csv", csv);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode result = json(r);
    assertThat(result.get("accepted").asInt()).isEqualTo(2);
    assertThat(result.get("rejected").findValuesAsText("line")).containsExactly("3", "4");
    assertThat(result.get("rejected").get(0).get("field").asText()).isEqualTo("epc");
    assertThat(result.get("rejected").get(1).get("error").asText()).contains("no lot LOT-MISSING");
    assertThat(store.lotOf(epc(603))).hasValue("LOT-T");
    assertThat(store.lotOf(epc(602))).isEmpty();
  }

  @Test
  void tagImport_json_reportsLineOfBadObject() throws Exception {
    post("/api/lots", "{\"id\":\"LOT-J\",\"gtin\":\"09506000134352\",\"by\":\"a\"}");
    String body = "[\n  {\"epc\": \"" + epc(701) + "\", \"lot\": \"LOT-J\"},\n  {\"epc\": \"" + epc(702) + "\"}\n]";

    JsonNode result = json(send("POST", "/api/tags/import", "application/json", body));

    assertThat(result.get("accepted").asInt()).isEqualTo(1);
    assertThat(result.get("rejected").get(0).get("line").asInt()).isEqualTo(3);
    assertThat(result.get("rejected").get(0).get("field").asText()).isEqualTo("lot");
  }

  @Test
  void tagImport_wrongContentType_is400() throws Exception {
    assertProblem(send("POST", "/api/tags/import", "text/plain", "epc,lot\n"), 400, "Content-Type");
    assertProblem(send("POST", "/api/tags/import", "text/csv", "a,b\n1,2\n"), 400, "body");
  }

  @Test
  void movements_paginateWithCursorAndFilter() throws Exception {
    for (int i = 0; i < 3; i++) {
      store.addMovement(Events.movement("door-2", i == 1 ? Direction.OUT : Direction.IN, T0.plusSeconds(100 + i),
          List.of(epc(800 + i))));
    }

    JsonNode first = json(get("/api/sites/dc1/movements?door=door-2&limit=2"));
    assertThat(first.get("items")).hasSize(2);
    assertThat(first.get("items").get(0).get("movedAt").asText()).isEqualTo(T0.plusSeconds(102).toString());
    String next = first.get("next").asText();

    JsonNode second = json(get("/api/sites/dc1/movements?door=door-2&limit=2&cursor=" + next));
    assertThat(second.get("items")).hasSize(1);
    assertThat(second.get("items").get(0).get("movedAt").asText()).isEqualTo(T0.plusSeconds(100).toString());
    assertThat(second.get("next").isNull()).isTrue();

    JsonNode out = json(get("/api/sites/dc1/movements?door=door-2&direction=out"));
    assertThat(out.get("items")).hasSize(1);
    JsonNode ranged = json(get("/api/sites/dc1/movements?door=door-2&from=" + T0.plusSeconds(101) + "&to="
        + T0.plusSeconds(102)));
    assertThat(ranged.get("items")).hasSize(1);
  }

  @Test
  void movements_badQuery_is400NamingParameter() throws Exception {
    assertProblem(get("/api/sites/dc1/movements?cursor=garbage"), 400, "cursor");
    assertProblem(get("/api/sites/dc1/movements?direction=sideways"), 400, "direction");
    assertProblem(get("/api/sites/dc1/movements?from=yesterday"), 400, "from");
    assertProblem(get("/api/sites/dc1/movements?limit=0"), 400, "limit");
    assertProblem(get("/api/sites/dc1/movements?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"), 400, "to");
  }

  @Test
  void lotTrace_listsMovementsAndCurrentPositions() throws Exception {
    post("/api/lots", "{\"id\":\"LOT-TR\",\"gtin\":\"09506000134352\",\"by\":\"a\"}");
    store.upsertAll(List.of(new io.tagflow.controlplane.model.TagRecord(epc(901), "LOT-TR"),
        new io.tagflow.controlplane.model.TagRecord(epc(902), "LOT-TR")));
    MovementEvent in = Events.movement("door-1", Direction.IN, T0.plusSeconds(10), List.of(epc(901), epc(902)));
    store.addMovement(in);
    cp.events().accept(in);
    cp.events().accept(Events.location(epc(901), "A-02", T0.plusSeconds(20)));

    JsonNode trace = json(get("/api/lots/LOT-TR/trace"));

    assertThat(trace.get("lot").get("id").asText()).isEqualTo("LOT-TR");
    assertThat(trace.get("movements").findValuesAsText("movementId")).containsExactly(in.movementId().toString());
    assertThat(trace.get("tags").get(0).get("position").get("place").asText()).isEqualTo("A-02");
    assertThat(trace.get("tags").get(1).get("position").get("kind").asText()).isEqualTo("door");
    assertProblem(get("/api/lots/NOPE/trace"), 404, null);
  }

  @Test
  void anomalies_exitOfLockedLot_listedThenAcknowledgedOnce() throws Exception {
    post("/api/lots", "{\"id\":\"LOT-X\",\"gtin\":\"09506000134352\",\"by\":\"a\"}");
    post("/api/lots/LOT-X/lock", "{\"by\":\"qa\"}");
    store.upsertAll(List.of(new io.tagflow.controlplane.model.TagRecord(epc(950), "LOT-X")));
    cp.events().accept(Events.movement("door-1", Direction.OUT, T0.plusSeconds(30), List.of(epc(950))));

    JsonNode list = json(get("/api/sites/dc1/anomalies?status=open"));
    JsonNode exit = null;
    for (JsonNode a : list) {
      if (a.get("type").asText().equals("unexpected_exit") && "LOT-X".equals(a.get("lotId").asText())) {
        exit = a;
      }
    }
    assertThat(exit).as(list.toString()).isNotNull();
    String id = exit.get("id").asText();

    JsonNode acked = json(post("/api/anomalies/" + id + "/acknowledge", "{\"by\":\"supervisor\"}"));
    assertThat(acked.get("status").asText()).isEqualTo("acknowledged");
    assertThat(acked.get("statusBy").asText()).isEqualTo("supervisor");
    assertThat(acked.get("statusAt").asText()).isEqualTo(T0.toString());

    assertProblem(post("/api/anomalies/" + id + "/acknowledge", "{\"by\":\"other\"}"), 409, null);
    assertProblem(post("/api/anomalies/no-such/acknowledge", "{\"by\":\"x\"}"), 404, null);
    assertProblem(get("/api/sites/dc1/anomalies?status=sleepy"), 400, "status");
    assertThat(json(post("/api/anomalies/" + id + "/resolve", "{\"by\":\"s\"}")).get("status").asText())
        .isEqualTo("resolved");
  }

  @Test
  void authorisations_createListClose() throws Exception {
    post("/api/lots", "{\"id\":\"LOT-AU\",\"gtin\":\"09506000134352\",\"by\":\"a\"}");
    assertProblem(post("/api/sites/dc1/authorisations", "{\"door\":\"door-9\",\"lot\":\"LOT-AU\",\"quantity\":5,\"by\":\"a\"}"),
        400, "door");
    assertProblem(post("/api/sites/dc1/authorisations", "{\"door\":\"door-1\",\"lot\":\"LOT-AU\",\"quantity\":0,\"by\":\"a\"}"),
        400, "quantity");
    assertProblem(post("/api/sites/dc1/authorisations", "{\"door\":\"door-1\",\"lot\":\"LOT-NONE\",\"quantity\":1,\"by\":\"a\"}"),
        400, "lot");
    assertProblem(post("/api/sites/dc1/authorisations",
        "{\"door\":\"door-1\",\"lot\":\"LOT-AU\",\"quantity\":1,\"validUntil\":\"2026-01-01T00:00:00Z\",\"by\":\"a\"}"),
        400, "validUntil");

    HttpResponse<String> created = post("/api/sites/dc1/authorisations",
        "{\"door\":\"door-1\",\"lot\":\"LOT-AU\",\"quantity\":5,\"validUntil\":\"2026-11-22T00:00:00Z\",\"by\":\"planner\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).get("id").asText();
    assertThat(json(get("/api/sites/dc1/authorisations")).findValuesAsText("id")).contains(id);

    JsonNode closed = json(post("/api/sites/dc1/authorisations/" + id + "/close", null));
    assertThat(closed.get("open").asBoolean()).isFalse();
    assertProblem(post("/api/sites/dc1/authorisations/nope/close", null), 404, null);
  }

  @Test
  void metrics_exposeAnomalyAndHttpMeters() throws Exception {
    get("/api/sites");

    HttpResponse<String> r = get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("tagflow_anomalies_raised_total{type=\"unexpected_exit\"}")
        .contains("tagflow_http_requests_seconds_count{method=\"GET\",route=\"/api/sites\",status=\"200\"}");
  }

  @Test
  void openapi_isServed() throws Exception {
    HttpResponse<String> r = get("/openapi.yaml");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("openapi: 3.");
  }

  @Test
  void liveFeed_snapshotThenOccupancyDelta() throws Exception {
    try (FeedClient feed = new FeedClient(cp.port(), "dc1")) {
      JsonNode snapshot = feed.await(FeedClient.kind("snapshot"), Duration.ofSeconds(10));
      assertThat(snapshot.get("data").get("bins")).hasSize(3);

      cp.events().accept(Events.location(epc(1001), "A-02", T0.plusSeconds(500)));

      JsonNode delta = feed.await(FeedClient.kind("occupancy"), Duration.ofSeconds(10));
      assertThat(delta.get("site").asText()).isEqualTo("dc1");
      assertThat(delta.get("data").get("bin").asText()).isEqualTo("A-02");
      assertThat(delta.get("data").get("count").asInt()).isPositive();
    }
  }

  @Test
  void anomalies_readerFaultThenConnected_resolvedBySystem() throws Exception {
    cp.events().accept(io.tagflow.protocol.event.ReaderStatusEvent.of("dc1", "gw-9", "r-9",
        io.tagflow.protocol.event.ReaderState.FAULT, T0.plusSeconds(700), "antenna"));
    cp.events().accept(io.tagflow.protocol.event.ReaderStatusEvent.of("dc1", "gw-9", "r-9",
        io.tagflow.protocol.event.ReaderState.CONNECTED, T0.plusSeconds(760), null));

    JsonNode resolved = json(get("/api/sites/dc1/anomalies?status=resolved"));
    JsonNode reader = null;
    for (JsonNode a : resolved) {
      if (a.get("type").asText().equals("reader_offline") && a.get("detail").asText().contains("r-9")) {
        reader = a;
      }
    }
    assertThat(reader).as(resolved.toString()).isNotNull();
    assertThat(reader.get("statusBy").asText()).isEqualTo("system");
    assertThat(reader.get("severity").asText()).isEqualTo("critical");
  }

  @Test
  void liveFeed_plainGet_is400NamingUpgrade() throws Exception {
    assertProblem(get("/api/sites/dc1/live"), 400, "Upgrade");
  }

  @Test
  void methodNotAllowed_is405Problem() throws Exception {
    assertProblem(send("DELETE", "/api/sites", null, null), 405, null);
  }
}
