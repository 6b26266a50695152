package io.tagflow.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tagflow.gateway.delivery.FileOutbox;
import io.tagflow.gateway.delivery.OutboxMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsServerTest {
  @TempDir
  Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(OpsServer ops, String path, String method) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void start_portTaken_failsNamingTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      InetSocketAddress address = new InetSocketAddress("127.0.0.1", taken.getLocalPort());
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

      assertThatThrownBy(() -> OpsServer.start(address, registry, () -> null))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (ops): ");
    }
  }

  @Test
  void health_allPartsUp_answers200ElseServiceUnavailable() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("tagflow.test.things").increment(3);
    AtomicBoolean broker = new AtomicBoolean(true);
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-05T08:00:10Z"));
    try (FileOutbox outbox = FileOutbox.open(dir, FileOutbox.Settings.defaults(),
        InstantSource.fixed(Instant.parse("2026-01-05T08:00:00Z")))) {
      GatewayHealth health = new GatewayHealth(() -> Map.of("r1", "RUNNING"), broker::get, outbox, clock);
      try (OpsServer ops = OpsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry, health)) {
        HttpResponse<String> ok = get(ops, "/health", "GET");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"healthy\":true").contains("\"r1\":\"RUNNING\"").contains("\"outboxDepth\":0");

        outbox.append(OutboxMessage.of("t", new byte[] {1}));
        broker.set(false);
        HttpResponse<String> down = get(ops, "/health", "GET");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"brokerConnected\":false").contains("\"outboxDepth\":1")
            .contains("\"outboxOldestAgeSeconds\":10.0");

        HttpResponse<String> metrics = get(ops, "/metrics", "GET");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(metrics.body()).contains("tagflow_test_things_total 3.0");

        assertThat(get(ops, "/health", "POST").statusCode()).isEqualTo(405);
        assertThat(get(ops, "/nope", "GET").statusCode()).isEqualTo(404);
      }
    }
  }

  @Test
  void health_readerNotRunning_isUnhealthy() throws Exception {
    try (FileOutbox outbox = FileOutbox.open(dir, FileOutbox.Settings.defaults(), InstantSource.system())) {
      HealthReport r = new GatewayHealth(() -> Map.of("r1", "RUNNING", "r2", "CONNECTING"), () -> true, outbox,
          InstantSource.system()).get();
      assertThat(r.healthy()).isFalse();
      assertThat(r.readers()).containsEntry("r2", "CONNECTING");
    }
  }
}
