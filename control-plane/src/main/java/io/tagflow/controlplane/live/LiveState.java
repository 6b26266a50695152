package io.tagflow.controlplane.live;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagflow.controlplane.model.SiteLayout;
import java.time.Instant;
import io.tagflow.controlplane.model.TagLookup;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live state of every site. Sites come from the configured layouts; an event for a site that has no
 * layout still gets a state (with no bins), so its tags can be traced, and is logged once.
 *
 * <p>Thread-safe. {@link #apply} may block in the registry lookup and must not run on an event loop;
 * every read method is non-blocking.
 */
public final class LiveState {
  private static final Logger log = LoggerFactory.getLogger(LiveState.class);

  private final Map<String, SiteState> sites = new ConcurrentHashMap<>();
  private final TagLookup registry;
  private final LiveLimits limits;
  private final ObservationLookup stored;
  private volatile MeterRegistry metrics;

  public LiveState(Collection<SiteLayout> layouts, TagLookup registry) {
    this(layouts, registry, LiveLimits.DEFAULTS, ObservationLookup.NONE);
  }

  /**
   * @param stored asked, when an event older than a site's horizon comes for a tag the site does not
   *     hold (possibly forgotten), which observation of that tag wins; see {@link #apply}
   */
  public LiveState(Collection<SiteLayout> layouts, TagLookup registry, LiveLimits limits,
      ObservationLookup stored) {
    this.registry = registry;
    this.limits = limits;
    this.stored = stored;
    layouts.forEach(l -> sites.put(l.id(), new SiteState(l, limits)));
  }

  /**
   * Registers, per site, the gauge {@code tagflow.live.tags} (tags tracked) and the counters
   * {@code tagflow.live.tags.forgotten} and {@code tagflow.live.tags.refused} (new tags not tracked
   * because the site is full: alert on any increase). Sites seen later are registered when first seen.
   */
  public void bindTo(MeterRegistry registry) {
    this.metrics = registry;
    sites.values().forEach(s -> register(registry, s));
  }

  private static void register(MeterRegistry registry, SiteState s) {
    String id = s.layout().id();
    Gauge.builder("tagflow.live.tags", s, SiteState::size).tag("site", id)
        .description("Tags the live state tracks").register(registry);
    FunctionCounter.builder("tagflow.live.tags.forgotten", s, SiteState::forgotten).tag("site", id)
        .description("Shipped tags dropped from the live state").register(registry);
    FunctionCounter.builder("tagflow.live.tags.refused", s, SiteState::refused).tag("site", id)
        .description("New tags not tracked because the site held its maximum of tags on site").register(registry);
  }

  /**
   * Forgets, on every site, the tags shipped more than {@link LiveLimits#shippedRetention()} before
   * {@code now} ({@link SiteState#forgetShipped}). Call it periodically, and before a {@link #rebuild}.
   *
   * @return how many tags were forgotten
   */
  public int forgetShipped(Instant now) {
    Instant horizon = now.minus(limits.shippedRetention());
    return sites.values().stream().mapToInt(s -> s.forgetShipped(horizon)).sum();
  }

  /**
   * Applies one observation; see {@link SiteState#apply}. An observation older than the site's horizon
   * of a tag the site does not hold may belong to a tag that was forgotten after it shipped; then the
   * store's latest observation of the tag decides (it is applied instead when it is newer), so a late
   * replay never brings a shipped tag back.
   */
  public Optional<PositionChange> apply(Observation o) {
    SiteState s = site(o.site());
    Observation winner = o;
    if (s.unknownBeforeHorizon(o)) {
      Optional<Observation> latest = stored.latestObservation(o.site(), o.epc());
      if (latest.isPresent() && Observation.ORDER.compare(latest.get(), o) > 0) {
        winner = latest.get();
      }
    }
    return s.apply(winner, registry);
  }

  /**
   * Rebuilds a site from stored observations (at start): applies each; the order does not matter.
   *
   * @return how many observations changed the state
   */
  public int rebuild(String site, Iterable<Observation> stored) {
    SiteState s = site(site);
    int applied = 0;
    for (Observation o : stored) {
      if (s.apply(o, registry).isPresent()) {
        applied++;
      }
    }
    return applied;
  }

  /** The state of a configured or already-seen site. */
  public Optional<SiteState> find(String site) {
    return Optional.ofNullable(sites.get(site));
  }

  /** Site ids with state, configured ones included. */
  public List<String> siteIds() {
    return sites.keySet().stream().sorted().toList();
  }

  /** Where a tag is now, on whichever site saw it last (by event time). */
  public Optional<TagPosition> position(String epc) {
    return sites.values().stream().flatMap(s -> s.position(epc).stream())
        .max(java.util.Comparator.comparing(TagPosition::at).thenComparing(TagPosition::eventId));
  }

  private SiteState site(String site) {
    return sites.computeIfAbsent(site, id -> {
      log.warn("Events for site {} which has no configured layout: tracking its tags without bins", id);
      SiteState s = new SiteState(new SiteLayout(id, id, false, List.of(), List.of()), limits);
      MeterRegistry m = metrics;
      if (m != null) {
        register(m, s);
      }
      return s;
    });
  }
}
