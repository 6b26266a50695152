package io.tagflow.controlplane.ingest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Runs an {@link MqttIngest} inside Vert.x. Connecting and stopping block (Paho, JDBC), so they run
 * on a worker thread; ingest itself runs on its own thread, never on the event loop.
 */
public final class IngestVerticle extends VerticleBase {
  private final MqttIngest ingest;

  public IngestVerticle(MqttIngest ingest) {
    this.ingest = ingest;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> {
      ingest.start();
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(() -> {
      ingest.close();
      return null;
    });
  }
}
