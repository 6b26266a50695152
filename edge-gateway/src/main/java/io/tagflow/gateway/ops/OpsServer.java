package io.tagflow.gateway.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's small operations HTTP server on the JDK's {@code com.sun.net.httpserver}: {@code GET /metrics}
 * (Prometheus text format) and {@code GET /health} (JSON {@link HealthReport}; 200 when healthy, 503
 * otherwise). One worker thread; request bodies are never read; anything else is 404 or 405. It binds
 * to 127.0.0.1 unless configured otherwise, because metrics reveal the site's layout.
 */
public final class OpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper json = new ObjectMapper();

  private OpsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts the server.
   *
   * @throws IOException naming the address when it cannot be bound (e.g. the port is taken)
   */
  public static OpsServer start(InetSocketAddress address, PrometheusMeterRegistry registry,
                                Supplier<HealthReport> health) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(address, 16);
    } catch (IOException e) {
      // The JDK says only "Address already in use": name the address the configuration asked for.
      throw new IOException("cannot listen on " + address.getHostString() + ":" + address.getPort() + " (ops): "
          + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "tagflow-ops-http");
      t.setDaemon(true);
      return t;
    });
    OpsServer ops = new OpsServer(server, executor);
    server.createContext("/metrics", ex -> ops.handle(ex, () -> ops.metrics(ex, registry)));
    server.createContext("/health", ex -> ops.handle(ex, () -> ops.health(ex, health)));
    server.createContext("/", ex -> ops.handle(ex, () -> ops.send(ex, 404, "text/plain; charset=utf-8",
        "not found; try /metrics or /health\n".getBytes(StandardCharsets.UTF_8))));
    server.setExecutor(executor);
    server.start();
    log.info("Operations endpoints on http://{}:{}/metrics and /health", address.getHostString(), ops.port());
    return ops;
  }

  /** The bound port (useful when started on port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @FunctionalInterface
  private interface Handler {
    void run() throws IOException;
  }

  private void handle(HttpExchange ex, Handler handler) {
    try (ex) {
      String method = ex.getRequestMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      handler.run();
    } catch (IOException | RuntimeException e) {
      log.warn("Operations request {} failed: {}", ex.getRequestURI(), e.toString());
    }
  }

  private void metrics(HttpExchange ex, PrometheusMeterRegistry registry) throws IOException {
    send(ex, 200, PROMETHEUS_TEXT, registry.scrape().getBytes(StandardCharsets.UTF_8));
  }

  private void health(HttpExchange ex, Supplier<HealthReport> health) throws IOException {
    HealthReport report = health.get();
    send(ex, report.healthy() ? 200 : 503, "application/json", json.writeValueAsBytes(report));
  }

  private void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
