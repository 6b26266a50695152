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
 * it runs; {@link #stop} stops ingest first (no new events), then the store's placement thread, then
 * the API, then closes the store.
 */
public final class ControlPlaneService {
  private final Vertx vertx;
  private final Database db;
  private final PostgresEventStore store;
  private final ControlPlane controlPlane;
  private final EventListener listener;
  private final String ingestDeployment;
  private final PrometheusMeterRegistry metrics;

  private ControlPlaneService(Vertx vertx, Database db, PostgresEventStore store, ControlPlane controlPlane,
      EventListener listener, String ingestDeployment, PrometheusMeterRegistry metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.db = db;
    this.store = store;
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
        // The store opens first: it completes tag_locations from its backlog, which the live state is rebuilt from.
        vertx.executeBlocking(() -> PostgresEventStore.open(db.dataSource())).compose(store -> {
          metrics.gauge(PostgresEventStore.PENDING_PLACEMENTS, store, PostgresEventStore::pendingPlacements);
          return ControlPlane.start(vertx, config, PgRepositories.create(db.dataSource(), clock), metrics, clock)
              .compose(cp -> {
                EventListener listener = new EventListener(cp.events(), metrics);
                return vertx.executeBlocking(() -> new MqttIngest(
                        IngestOptions.defaults(config.mqtt().uri(), config.mqtt().clientId())
                            .withTopicPrefix(config.mqtt().topicPrefix()),
                        store, List.of(listener), metrics, clock))
                    .compose(ingest -> vertx.deployVerticle(new IngestVerticle(ingest)))
                    .map(id -> new ControlPlaneService(vertx, db, store, cp, listener, id, metrics))
                    .onFailure(e -> cp.stop());
              })
              .onFailure(e -> closeQuietly(store));
        }).onFailure(e -> db.close()));
  }

  private static void closeQuietly(PostgresEventStore store) {
    try {
      store.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

  /** Stops ingest, then the placement thread, then the API and timers, then closes the store. Does not close Vert.x. */
  public Future<Void> stop() {
    return vertx.undeploy(ingestDeployment)
        .eventually(() -> vertx.executeBlocking(() -> {
          listener.close();
          store.close();
          return null;
        }))
        .eventually(controlPlane::stop)
        .eventually(() -> vertx.executeBlocking(() -> {
          db.close();
          return null;
        }));
  }
}
