package io.tagflow.controlplane;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tagflow control-plane --config cp.yaml}: runs the control plane until Ctrl-C (or SIGTERM),
 * then stops ingest, the API and the store in that order. Exit code 0 after a clean stop, 2 for a bad
 * configuration (one line naming the file, the setting and what was expected), 1 when it cannot start.
 */
@Command(name = "control-plane", mixinStandardHelpOptions = true,
    description = "Runs the control plane: ingest, storage, live occupancy, lot trace, anomalies, the HTTP API.")
public final class ControlPlaneMain implements java.util.concurrent.Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ControlPlaneMain.class);

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML configuration (see ControlPlaneConfig); defaults apply without it. Environment"
          + " overrides: TAGFLOW_CP_HTTP_HOST, TAGFLOW_CP_HTTP_PORT, TAGFLOW_CP_PG_URL, TAGFLOW_CP_PG_USER,"
          + " TAGFLOW_CP_PG_PASSWORD, TAGFLOW_CP_MQTT_URI.")
  Path config;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ControlPlaneMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ControlPlaneConfig cfg;
    try {
      cfg = ControlPlaneConfig.load(config, System.getenv());
    } catch (ConfigException e) {
      System.err.println("control-plane: " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    ControlPlaneService service;
    try {
      service = ControlPlaneService.start(vertx, cfg, Clock.systemUTC())
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      log.error("Control plane could not start: {}", cause.toString());
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Stopping the control plane");
      try {
        service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        log.info("Control plane stopped");
      } catch (Exception e) {
        log.warn("Control plane did not stop cleanly: {}", e.toString());
      }
      // Closed separately, from this thread: a continuation chained onto the service's future would be
      // dispatched to an event loop that closing Vert.x has already terminated.
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("Vert.x did not close cleanly: {}", e.toString());
      }
      stopped.countDown();
    }, "tagflow-shutdown"));
    stopped.await();
    return 0;
  }
}
