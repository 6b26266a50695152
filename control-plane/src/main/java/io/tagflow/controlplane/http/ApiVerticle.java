package io.tagflow.controlplane.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;

/**
 * Serves the API. {@link #start} completes when the server listens (or fails when it cannot bind);
 * {@link #actualPort} then tells the port (useful with port 0).
 */
public final class ApiVerticle extends VerticleBase {
  /** Bounds on what a client may send besides bodies: header block and WebSocket frames. */
  static final int MAX_HEADER_BYTES = 16 * 1024;
  static final int MAX_WEBSOCKET_FRAME_BYTES = 4 * 1024;

  private final String host;
  private final int port;
  private final ApiServices api;
  private final Blocking blocking;
  private HttpServer server;

  public ApiVerticle(String host, int port, ApiServices api, Blocking blocking) {
    this.host = host;
    this.port = port;
    this.api = api;
    this.blocking = blocking;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
        .setMaxHeaderSize(MAX_HEADER_BYTES)
        .setMaxWebSocketFrameSize(MAX_WEBSOCKET_FRAME_BYTES)
        .setMaxWebSocketMessageSize(MAX_WEBSOCKET_FRAME_BYTES);
    server = vertx.createHttpServer(options).requestHandler(ApiRouter.create(vertx, api, blocking));
    // Vert.x says only "Address already in use": name the address the configuration asked for.
    return server.listen().recover(e -> Future.failedFuture(
        new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e)));
  }

  /** The port the server listens on; only after {@link #start} succeeded. */
  public int actualPort() {
    return server.actualPort();
  }
}
