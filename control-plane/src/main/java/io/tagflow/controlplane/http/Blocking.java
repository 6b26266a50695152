package io.tagflow.controlplane.http;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * Runs repository calls on the JDBC worker pool and answers from the event loop. Work is unordered
 * (requests do not wait for each other); failures go to the router's failure handler.
 */
public final class Blocking {
  private final WorkerExecutor workers;

  public Blocking(WorkerExecutor workers) {
    this.workers = workers;
  }

  /** Runs {@code work} on a worker. */
  public <T> Future<T> run(Callable<T> work) {
    return workers.executeBlocking(work, false);
  }

  /** Runs {@code work} on a worker and answers with its result as JSON and {@code status}. */
  public <T> void respond(RoutingContext ctx, int status, Callable<T> work) {
    run(work).onComplete(ar -> {
      if (ar.succeeded()) {
        Json.send(ctx, status, ar.result());
      } else {
        ctx.fail(ar.cause());
      }
    });
  }
}
