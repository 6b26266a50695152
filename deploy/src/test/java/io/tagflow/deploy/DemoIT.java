package io.tagflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The whole demo in-process, as {@code ./tagflow demo} runs it (embedded PostgreSQL and broker, the
 * bundled site) but on free ports: movements and the locked lot's unexpected exit must show up in the
 * control plane's API, and stopping must release every port and thread it took.
 */
class DemoIT {
  /** Generous: the scene's first exit decides after its trailer closes (~25 s); the machine is shared. */
  private static final Duration WAIT = Duration.ofSeconds(240);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void demo_bundledSite_movementsAndLockedLotExitVisible_stopReleasesEverything() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(new Tee(captured, System.out), true, StandardCharsets.UTF_8);
    DemoOptions options = DemoOptions.defaults().withHttpPort(0).withStatusEvery(Duration.ofSeconds(5));
    Demo demo = Demo.start(options, DemoMain.loadScenario(options), out, Clock.systemUTC());
    List<Integer> ports;
    try {
      ports = demo.listeningPorts();
      URI api = demo.url();

      JsonNode site = get(api, "/api/sites/dc-demo");
      assertThat(site.path("doors")).hasSize(4);
      assertThat(site.path("bins")).hasSize(200);
      assertThat(get(api, "/api/lots/LOT-HOLD").path("status").asText()).isEqualTo("locked");

      JsonNode movements = await(api, "/api/sites/dc-demo/movements?limit=10",
          n -> n.path("items").size() > 0);
      assertThat(movements.path("items").get(0).path("doorId").asText()).startsWith("D");

      JsonNode anomalies = await(api, "/api/sites/dc-demo/anomalies?limit=100", n -> contains(n, "LOT-HOLD"));
      JsonNode exit = find(anomalies, "LOT-HOLD");
      assertThat(exit.path("type").asText()).isEqualTo("unexpected_exit");
      assertThat(exit.path("detail").asText()).contains("locked");
    } finally {
      demo.close();
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("stopped gateway", "stopped simulator", "stopped control plane", "stopped MQTT broker",
        "stopped PostgreSQL");
    assertThat(log.indexOf("stopped gateway")).isLessThan(log.indexOf("stopped simulator"));
    assertThat(log.indexOf("stopped control plane")).isLessThan(log.indexOf("stopped MQTT broker"));
    assertThat(log.indexOf("stopped MQTT broker")).isLessThan(log.indexOf("stopped PostgreSQL"));
    assertThat(ports).hasSizeGreaterThanOrEqualTo(14); // HTTP, 11 readers, PostgreSQL, broker
    for (int port : ports) {
      assertThat(free(port)).as("port %d is free after stop", port).isTrue();
    }
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
        && (t.getName().startsWith("vert.x-eventloop") || t.getName().startsWith("tagflow-demo-status")));
  }

  private JsonNode await(URI api, String path, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = get(api, path);
      if (done.test(last)) {
        return last;
      }
      // Paced polling: the API's answer ends the wait (bounded by WAIT); the pause only keeps the poll
      // from taking a core of a shared machine away from the demo it is waiting for.
      CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS)).join();
    }
    throw new AssertionError("not seen within " + WAIT.toSeconds() + " s at " + path + "; last answer: " + last);
  }

  private JsonNode get(URI api, String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  private static boolean contains(JsonNode anomalies, String lot) {
    return find(anomalies, lot) != null;
  }

  private static JsonNode find(JsonNode anomalies, String lot) {
    JsonNode items = anomalies.isArray() ? anomalies : anomalies.path("items");
    for (JsonNode a : items) {
      if (lot.equals(a.path("lotId").asText()) && "unexpected_exit".equals(a.path("type").asText())) {
        return a;
      }
    }
    return null;
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }

  /** Keeps what the demo prints for assertions and still shows it in the build log. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
