package io.tagflow.controlplane;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tagflow.controlplane.ingest.IngestOptions;
import io.tagflow.controlplane.ingest.IngestVerticle;
import io.tagflow.controlplane.ingest.MqttIngest;
import io.tagflow.controlplane.repository.postgres.PgRepositories;
import io.tagflow.controlplane.store.Database;
import io.tagflow.controlplane.store.PostgresEventStore;
import io.tagflow.controlplane.store.StoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;

/**
 * The whole control plane as one deployable: store (migrated at start), API and live state
 * ({@link ControlPlane}), and MQTT ingest feeding the live state. {@link #start} completes when all of
 * it runs; {@link #stop} stops ingest first (no new events), then the API, then closes the store.
 */
public final class ControlPlaneService {
  private final Vertx vertx;
  private final Database db;
  private final ControlPlane controlPlane;
  private final EventListener listener;
  private final String ingestDeployment;
  private final PrometheusMeterRegistry metrics;

  private ControlPlaneService(Vertx vertx, Database db, ControlPlane controlPlane, EventListener listener,
      String ingestDeployment, PrometheusMeterRegistry metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.db = db;
    this.controlPlane = controlPlane;
    this.listener = listener;
    this.ingestDeployment = ingestDeployment;
  }

  public static Future<ControlPlaneService> start(Vertx vertx, ControlPlaneConfig config, Clock clock) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ControlPlaneConfig.Database d = config.database();
    StoreOptions storeOptions = new StoreOptions(d.url(), d.user(), d.password(), d.poolSize(), false,
        StoreOptions.DEFAULT_COMPRESS_AFTER, StoreOptions.DEFAULT_RETAIN_FOR, StoreOptions.DEFAULT_PARTITIONS_AHEAD);
    return vertx.executeBlocking(() -> bindPoolMetrics(Database.open(storeOptions, clock), metrics)).compose(db ->
        ControlPlane.start(vertx, config, PgRepositories.create(db.dataSource(), clock), metrics, clock)
            .compose(cp -> {
              EventListener listener = new EventListener(cp.events(), metrics);
              return vertx.executeBlocking(() -> new MqttIngest(
                      IngestOptions.defaults(config.mqtt().uri(), config.mqtt().clientId())
                          .withTopicPrefix(config.mqtt().topicPrefix()),
                      new PostgresEventStore(db.dataSource()), List.of(listener), metrics, clock))
                  .compose(ingest -> vertx.deployVerticle(new IngestVerticle(ingest)))
                  .map(id -> new ControlPlaneService(vertx, db, cp, listener, id, metrics))
                  .onFailure(e -> cp.stop());
            })
            .onFailure(e -> db.close()));
  }

  /**
   * Binds the store's connection pool meters ({@code hikaricp_connections_*}) to the registry served at
   * {@code /metrics}. Hikari accepts a registry once, also after the pool started.
   */
  private static Database bindPoolMetrics(Database db, PrometheusMeterRegistry metrics) {
    if (db.dataSource() instanceof HikariDataSource pool && pool.getMetricRegistry() == null) {
      pool.setMetricRegistry(metrics);
    }
    return db;
  }

  /** Every meter of this control plane (the registry served at {@code /metrics}). */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** The running API and live state. */
  public ControlPlane controlPlane() {
    return controlPlane;
  }

  /** Stops ingest, then the API and timers, then closes the store. Does not close Vert.x. */
  public Future<Void> stop() {
    return vertx.undeploy(ingestDeployment)
        .eventually(() -> vertx.executeBlocking(() -> {
          listener.close();
          return null;
        }))
        .eventually(controlPlane::stop)
        .eventually(() -> vertx.executeBlocking(() -> {
          db.close();
          return null;
        }));
  }
}
