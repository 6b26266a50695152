package io.tagflow.controlplane;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tagflow.controlplane.anomaly.AnomalyService;
import io.tagflow.controlplane.feed.LiveDelta;
import io.tagflow.controlplane.feed.LiveFeed;
import io.tagflow.controlplane.http.ApiServices;
import io.tagflow.controlplane.http.ApiVerticle;
import io.tagflow.controlplane.http.Blocking;
import io.tagflow.controlplane.http.EventBusLiveFeed;
import io.tagflow.controlplane.live.LiveState;
import io.tagflow.controlplane.live.Observation;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.controlplane.repository.Repositories;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running control plane minus the store and the ingest, which the caller owns and hands in:
 * live state rebuilt from the store, anomaly rules, the live feed and the HTTP API.
 *
 * <p>{@link #start} completes when the live state is rebuilt and the API listens; it fails (and
 * undeploys what it started) otherwise. Feed accepted events to {@link #events()}.
 */
public final class ControlPlane {
  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);
  /** How often time-based rules (door dwell) look at the clock. */
  public static final Duration TIMER_PERIOD = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final WorkerExecutor jdbc;
  private final EventProcessor events;
  private final LiveState live;
  private final String deploymentId;
  private final int port;
  private final long timerId;

  private ControlPlane(Vertx vertx, WorkerExecutor jdbc, EventProcessor events, LiveState live, String deploymentId,
      int port, long timerId) {
    this.vertx = vertx;
    this.jdbc = jdbc;
    this.events = events;
    this.live = live;
    this.deploymentId = deploymentId;
    this.port = port;
    this.timerId = timerId;
  }

  /**
   * Rebuilds the live state from the store and deploys the API.
   *
   * @param metrics the registry served at {@code /metrics}; bind store and ingest meters to it
   */
  public static Future<ControlPlane> start(Vertx vertx, ControlPlaneConfig config, Repositories repositories,
      PrometheusMeterRegistry metrics, Clock clock) {
    WorkerExecutor jdbc = vertx.createSharedWorkerExecutor("tagflow-jdbc", config.database().poolSize());
    LiveFeed feed = new EventBusLiveFeed(vertx);
    AnomalyService anomalies = new AnomalyService(repositories.anomalies(), clock, metrics,
        a -> feed.publish(new LiveDelta.AnomalyChanged(a.site(), a)));
    LiveState live = new LiveState(config.sites(), repositories.tags(), config.live().limits(),
        repositories.observations());
    live.bindTo(metrics);
    EventProcessor events = new EventProcessor(config.sites(), live, feed, anomalies, repositories.tags(),
        repositories.lots(), repositories.authorisations(),
        Duration.ofSeconds(config.anomalies().doorDwellSeconds()), clock);
    Blocking blocking = new Blocking(jdbc);
    ApiServices api = new ApiServices(config.sites(), live, repositories, anomalies, metrics, clock,
        config.http().bodyLimitBytes());
    ApiVerticle verticle = new ApiVerticle(config.http().host(), config.http().port(), api, blocking);

    return blocking.run(() -> rebuild(live, config, repositories, clock))
        .compose(n -> vertx.deployVerticle(verticle))
        .map(id -> {
          long timer = vertx.setPeriodic(TIMER_PERIOD.toMillis(), t -> blocking.run(() -> {
            events.checkTimers();
            live.forgetShipped(clock.instant());
            return null;
          }).onFailure(e -> log.warn("Timer rules failed: {}", e.toString())));
          log.info("Control plane API listening on http://{}:{}", config.http().host(), verticle.actualPort());
          return new ControlPlane(vertx, jdbc, events, live, id, verticle.actualPort(), timer);
        })
        .onFailure(e -> jdbc.close());
  }

  private static int rebuild(LiveState live, ControlPlaneConfig config, Repositories repositories, Clock clock) {
    // Tags shipped before the retention are not even loaded.
    live.forgetShipped(clock.instant());
    int total = 0;
    for (SiteLayout site : config.sites()) {
      List<Observation> stored = repositories.observations().latestObservations(site.id());
      repositories.tags().prefetch(stored.stream().map(Observation::epc).toList());
      int n = live.rebuild(site.id(), stored);
      log.info("Live state of site {} rebuilt from {} stored observations", site.id(), n);
      total += n;
    }
    return total;
  }

  /** Where the ingest hands accepted events (from a worker thread, never an event loop). */
  public EventProcessor events() {
    return events;
  }

  public LiveState live() {
    return live;
  }

  /** The port the API listens on. */
  public int port() {
    return port;
  }

  /** Stops the timer, undeploys the API and closes the worker pool. Does not close Vert.x. */
  public Future<Void> stop() {
    vertx.cancelTimer(timerId);
    return vertx.undeploy(deploymentId).eventually(() -> jdbc.close());
  }
}
