package io.tagflow.controlplane.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tagflow.controlplane.ControlPlane;
import io.tagflow.controlplane.ControlPlaneConfig;
import io.tagflow.controlplane.fixtures.Events;
import io.tagflow.controlplane.fixtures.FakeClock;
import io.tagflow.controlplane.fixtures.InMemoryStore;
import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.MovementEvent;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live feed's ticks, batch format and resync, over a real Vert.x server and WebSocket clients. */
class LiveFeedTest {
  static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  static Vertx vertx;
  static InMemoryStore store;
  static PrometheusMeterRegistry metrics;
  static ControlPlane cp;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    store = new InMemoryStore();
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ControlPlaneConfig config = new ControlPlaneConfig(new ControlPlaneConfig.Http(null, 0, 4096), null, null, null,
        List.of(Layouts.dc1(false)));
    cp = ControlPlane.start(vertx, config, store.repositories(), metrics, new FakeClock(T0))
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    cp.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A client that keeps each text message and reads only while not paused. */
  static final class Client implements WebSocket.Listener {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    volatile boolean paused;
    WebSocket socket;

    static Client open(String query) throws Exception {
      Client c = new Client();
      c.socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + cp.port() + "/api/sites/dc1/live" + query), c)
          .get(10, TimeUnit.SECONDS);
      return c;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      if (!paused) {
        ws.request(1);
      }
      return null;
    }

    void resume() {
      paused = false;
      socket.request(1);
    }

    JsonNode next(Duration timeout) throws Exception {
      String t = texts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(t).as("a live-feed message within " + timeout).isNotNull();
      return Json.MAPPER.readTree(t);
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
  }

  private static List<MovementEvent> movements(int n, int tagsEach, int firstTag) {
    List<MovementEvent> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int base = firstTag + i * tagsEach;
      list.add(Events.movement(i % 2 == 0 ? "door-1" : "door-2", i % 2 == 0 ? Direction.IN : Direction.OUT,
          T0.plusSeconds(1000 + i), IntStream.range(base, base + tagsEach).mapToObj(Layouts::epc).toList()));
    }
    return list;
  }

  @Test
  void batchFormat_manyMovementsFast_allPushedInOrderInBatchMessages() throws Exception {
    Client c = Client.open("?format=batch");
    try {
      assertThat(c.next(Duration.ofSeconds(10)).get("kind").asText()).isEqualTo("snapshot");
      List<MovementEvent> sent = movements(2000, 2, 100_000);
      for (int i = 0; i < sent.size(); i += 100) {
        cp.events().acceptAll(sent.subList(i, i + 100));
      }

      List<String> pushed = new ArrayList<>();
      int messages = 0;
      while (pushed.size() < sent.size()) {
        JsonNode m = c.next(Duration.ofSeconds(10));
        messages++;
        assertThat(m.get("kind").asText()).isEqualTo("batch");
        for (JsonNode d : m.get("data")) {
          assertThat(d.get("site").asText()).isEqualTo("dc1");
          if (d.get("kind").asText().equals("movement")) {
            pushed.add(d.get("data").get("movementId").asText());
          }
        }
      }

      assertThat(pushed).containsExactlyElementsOf(sent.stream().map(m -> m.movementId().toString()).toList());
      assertThat(messages).as("deltas come in ticks, not one message each").isLessThan(sent.size() / 10);
    } finally {
      c.close();
    }
  }

  @Test
  void slowClient_deltasSkipped_thenFreshSnapshot_thenDeltasAgain() throws Exception {
    Client c = Client.open("?format=batch");
    try {
      assertThat(c.next(Duration.ofSeconds(10)).get("kind").asText()).isEqualTo("snapshot");
      c.paused = true;
      double before = metrics.get(LiveFeedRoute.RESYNC_METRIC).counter().count();
      // Movements of 100 tags (~15 KB each) until the server skips this client: its write queue
      // (4 MiB) plus the sockets' buffers are full. Bounded, so a feed that never skips fails here.
      int tag = 200_000;
      for (int round = 0; round < 40 && !skipping(); round++) {
        cp.events().acceptAll(movements(100, 100, tag));
        tag += 100 * 100;
        TimeUnit.MILLISECONDS.sleep(60);
      }
      assertThat(skipping()).as("the server stopped writing to the client that does not read").isTrue();

      c.resume();
      String resync = null;
      while (resync == null) {
        JsonNode m = c.next(Duration.ofSeconds(20));
        if (m.get("kind").asText().equals("snapshot")) {
          resync = m.toString();
        }
      }
      assertThat(Json.MAPPER.readTree(resync).get("data").get("bins")).hasSize(3);
      assertThat(metrics.get(LiveFeedRoute.RESYNC_METRIC).counter().count()).isGreaterThan(before);

      cp.events().accept(Events.location(Layouts.epc(999_999), "A-02", T0.plusSeconds(5000)));
      JsonNode after;
      do {
        after = c.next(Duration.ofSeconds(10));
      } while (!after.toString().contains("\"A-02\""));
      assertThat(after.get("kind").asText()).isEqualTo("batch");
    } finally {
      c.close();
    }
  }

  /** True once the server skips a client (this test's is the only one then). */
  private static boolean skipping() {
    return metrics.get(LiveFeedRoute.BEHIND_METRIC).gauge().value() > 0;
  }

  @Test
  void format_unknown_is400NamingFormat() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + cp.port() + "/api/sites/dc1/live?format=xml")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(r.body()).get("field").asText()).isEqualTo("format");
  }
}
