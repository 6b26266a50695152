package io.tagflow.controlplane.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tagflow.controlplane.anomaly.AnomalyService;
import io.tagflow.controlplane.live.LiveState;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.controlplane.repository.Repositories;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What the routes work with.
 *
 * @param layouts configured sites
 * @param live the live state
 * @param repositories the store
 * @param anomalies the anomaly service
 * @param metrics the registry {@code /metrics} scrapes; the store and ingest bind their meters to it too
 * @param clock time for "who changed it when" and for snapshots
 * @param bodyLimitBytes the largest request body accepted
 */
public record ApiServices(List<SiteLayout> layouts, LiveState live, Repositories repositories,
    AnomalyService anomalies, PrometheusMeterRegistry metrics, Clock clock, long bodyLimitBytes) {
  public ApiServices {
    layouts = List.copyOf(layouts);
  }

  /** A configured site's layout. */
  public Optional<SiteLayout> layout(String site) {
    return layouts.stream().filter(l -> l.id().equals(site)).findFirst();
  }
}
