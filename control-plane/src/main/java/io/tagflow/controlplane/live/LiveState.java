package io.tagflow.controlplane.live;

import io.tagflow.controlplane.model.SiteLayout;
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

  public LiveState(Collection<SiteLayout> layouts, TagLookup registry) {
    this.registry = registry;
    layouts.forEach(l -> sites.put(l.id(), new SiteState(l)));
  }

  /** Applies one observation; see {@link SiteState#apply}. */
  public Optional<PositionChange> apply(Observation o) {
    return site(o.site()).apply(o, registry);
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
      return new SiteState(new SiteLayout(id, id, false, List.of(), List.of()));
    });
  }
}
