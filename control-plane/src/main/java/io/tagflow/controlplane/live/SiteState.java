package io.tagflow.controlplane.live;

import io.tagflow.controlplane.model.BinSpec;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.controlplane.model.TagLookup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live state of one site. Thread-safe: every method holds the instance lock for a short, non-blocking
 * section. The one blocking call, the registry lookup in {@link #apply}, happens before the lock is taken,
 * so a slow registry never holds readers (the HTTP API, on an event loop) up.
 *
 * <p>Bounded memory ({@link LiveLimits}). A tag whose winning observation is an OUT movement has left
 * the site: {@link #forgetShipped} drops it once that observation is older than the <em>horizon</em>
 * (now minus the shipped retention), and from then on an OUT observation older than the horizon of a
 * tag the site does not hold is ignored instead of tracked. So the state still converges for every
 * event that arrives within the retention of its event time: whichever order, however often. An event
 * of a forgotten tag that arrives later than that, and is not itself an OUT, is applied as if the tag
 * were new, unless the caller first asks the store which observation wins ({@link LiveState#apply}
 * does, through its {@link ObservationLookup}). When a site
 * holds {@code maxTagsPerSite} tags, the oldest shipped tags are forgotten early (the horizon moves up
 * to them); with none left, a new tag is refused and counted.
 */
public final class SiteState {
  private static final Logger log = LoggerFactory.getLogger(SiteState.class);
  /** Shipped tags by event time, oldest first: the order in which they are forgotten. */
  private static final Comparator<Entry> OLDEST_FIRST = (a, b) -> {
    int c = a.observation().at().compareTo(b.observation().at());
    return c != 0 ? c : a.observation().epc().compareTo(b.observation().epc());
  };

  private final SiteLayout layout;
  private final LiveLimits limits;
  /** The winning observation per EPC, and the position it gives. */
  private final Map<String, Entry> tags = new HashMap<>();
  /** The entries of {@link #tags} whose position is {@link PlaceKind#SHIPPED}. */
  private final NavigableSet<Entry> shipped = new TreeSet<>(OLDEST_FIRST);
  /** Shipped tags with an event time before this are forgotten (or never tracked). Only moves forward. */
  private Instant horizon = Instant.MIN;
  private long forgotten;
  private long refused;
  /** Per bin of the layout: units per lot (key {@code null} = unregistered). */
  private final Map<String, Map<String, Integer>> bins = new HashMap<>();
  /** The layout's bins by id: every observation and every bin of a snapshot looks one up (10,000 bins at a site). */
  private final Map<String, BinSpec> binSpecs = new HashMap<>();
  /** Bumped (under the lock) whenever any bin's occupancy changes; lets readers cache an encoded snapshot. */
  private long occupancyVersion;

  private record Entry(Observation observation, TagPosition position) {
  }

  public SiteState(SiteLayout layout) {
    this(layout, LiveLimits.DEFAULTS);
  }

  public SiteState(SiteLayout layout, LiveLimits limits) {
    this.layout = layout;
    this.limits = limits;
    layout.bins().forEach(b -> {
      bins.put(b.id(), new HashMap<>());
      binSpecs.put(b.id(), b);
    });
  }

  public SiteLayout layout() {
    return layout;
  }

  /**
   * Applies one observation if it is newer (in {@link Observation#ORDER}) than the tag's current one.
   *
   * @param lots where the tag's lot is looked up; called before the state is locked
   * @return what changed, or empty when the observation is not newer (stale, or a duplicate)
   */
  public Optional<PositionChange> apply(Observation o, TagLookup lots) {
    if (!o.site().equals(layout.id())) {
      throw new IllegalArgumentException("observation of site " + o.site() + " applied to site " + layout.id());
    }
    String lot = lots.lotOf(o.epc()).orElse(null);
    TagPosition next = new TagPosition(o.epc(), lot, o.place(), kindOf(o), o.at(), o.eventId());
    synchronized (this) {
      Entry current = tags.get(o.epc());
      if (current != null && Observation.ORDER.compare(o, current.observation()) <= 0) {
        return Optional.empty();
      }
      if (current == null && !admitNewLocked(o, next)) {
        return Optional.empty();
      }
      Entry entry = new Entry(o, next);
      tags.put(o.epc(), entry);
      if (current != null && current.position().kind() == PlaceKind.SHIPPED) {
        shipped.remove(current);
      }
      if (next.kind() == PlaceKind.SHIPPED) {
        shipped.add(entry);
      }
      List<BinOccupancy> changed = new ArrayList<>(2);
      TagPosition previous = current == null ? null : current.position();
      boolean sameBin = previous != null && previous.kind() == PlaceKind.BIN && next.kind() == PlaceKind.BIN
          && previous.place().equals(next.place()) && java.util.Objects.equals(previous.lotId(), next.lotId());
      if (!sameBin) {
        if (previous != null && previous.kind() == PlaceKind.BIN) {
          bins.get(previous.place()).merge(previous.lotId() == null ? UNREGISTERED : previous.lotId(), -1,
              (a, b) -> a + b == 0 ? null : a + b);
          changed.add(occupancyLocked(previous.place()));
        }
        if (next.kind() == PlaceKind.BIN) {
          bins.get(next.place()).merge(lot == null ? UNREGISTERED : lot, 1, Integer::sum);
          changed.add(occupancyLocked(next.place()));
        }
      }
      if (!changed.isEmpty()) {
        occupancyVersion++;
      }
      return Optional.of(new PositionChange(previous, next, changed));
    }
  }

  /**
   * Whether a tag the site does not hold may be added: not when it is shipped before the horizon (it
   * would be forgotten at once), nor when the site is full and has no shipped tag left to forget.
   */
  private boolean admitNewLocked(Observation o, TagPosition next) {
    if (next.kind() == PlaceKind.SHIPPED && o.at().isBefore(horizon)) {
      return false;
    }
    if (tags.size() < limits.maxTagsPerSite()) {
      return true;
    }
    Entry oldest = shipped.pollFirst();
    if (oldest == null) {
      if (refused++ == 0) {
        log.warn("Site {} holds {} tags, its limit, none of them shipped: new tags are not tracked (see metric"
            + " tagflow.live.tags.refused)", layout.id(), tags.size());
      }
      return false;
    }
    tags.remove(oldest.observation().epc());
    forgotten++;
    // Forgotten early: an older OUT of that tag arriving late must stay ignored.
    if (oldest.observation().at().isAfter(horizon)) {
      horizon = oldest.observation().at();
    }
    return next.kind() != PlaceKind.SHIPPED || !o.at().isBefore(horizon);
  }

  /**
   * Forgets the tags that left the site by an OUT movement before {@code horizon} (typically now minus
   * {@link LiveLimits#shippedRetention()}), and from then on ignores such OUT observations of tags the
   * site does not hold. A horizon earlier than the current one changes nothing.
   *
   * @return how many tags were forgotten
   */
  public synchronized int forgetShipped(Instant horizon) {
    if (horizon.isAfter(this.horizon)) {
      this.horizon = horizon;
    }
    int n = 0;
    while (!shipped.isEmpty() && shipped.first().observation().at().isBefore(this.horizon)) {
      tags.remove(shipped.pollFirst().observation().epc());
      n++;
    }
    forgotten += n;
    return n;
  }

  /** Whether the site holds no observation of {@code o}'s tag and {@code o} is older than the horizon. */
  public synchronized boolean unknownBeforeHorizon(Observation o) {
    return o.at().isBefore(horizon) && !tags.containsKey(o.epc());
  }

  /** Tags forgotten so far (shipped before the horizon, or to make room). */
  public synchronized long forgotten() {
    return forgotten;
  }

  /** New tags not tracked so far because the site was full of tags still on site. */
  public synchronized long refused() {
    return refused;
  }

  /** Key under which unregistered tags are counted; not a valid lot id, so it never collides with one. */
  private static final String UNREGISTERED = " unregistered";

  private PlaceKind kindOf(Observation o) {
    return switch (o.via()) {
      case MOVEMENT_OUT -> PlaceKind.SHIPPED;
      case MOVEMENT_IN -> PlaceKind.DOOR;
      case LOCATION -> binSpecs.containsKey(o.place()) ? PlaceKind.BIN
          : layout.doorAt(o.place()).isPresent() ? PlaceKind.DOOR : PlaceKind.UNKNOWN;
    };
  }

  /** Occupancy of every bin of the layout, in layout order. */
  public synchronized List<BinOccupancy> occupancy() {
    List<BinOccupancy> all = new ArrayList<>(layout.bins().size());
    layout.bins().forEach(b -> all.add(occupancyLocked(b.id())));
    return all;
  }

  /**
   * The occupancy version: it changes whenever the result of {@link #occupancy()} may change, and only
   * then. Once {@link #apply} has returned a change that touched a bin, every later call returns a
   * different value than any call made before.
   */
  public synchronized long occupancyVersion() {
    return occupancyVersion;
  }

  /** {@link #occupancy()} together with the {@link #occupancyVersion()} it belongs to, taken atomically. */
  public synchronized VersionedOccupancy versionedOccupancy() {
    return new VersionedOccupancy(occupancyVersion, occupancy());
  }

  /**
   * Occupancy of every bin with the version it was taken at.
   *
   * @param version {@link #occupancyVersion()} at the time the list was built
   * @param bins occupancy of every bin, in layout order
   */
  public record VersionedOccupancy(long version, List<BinOccupancy> bins) {
    public VersionedOccupancy {
      bins = List.copyOf(bins);
    }
  }

  /** Occupancy of one bin, or empty when the layout has no such bin. */
  public synchronized Optional<BinOccupancy> occupancy(String binId) {
    return binSpecs.containsKey(binId) ? Optional.of(occupancyLocked(binId)) : Optional.empty();
  }

  /** The tags in a bin now, sorted by EPC. */
  public synchronized List<TagPosition> tagsIn(String place) {
    return tags.values().stream().map(Entry::position).filter(p -> p.place().equals(place))
        .sorted(java.util.Comparator.comparing(TagPosition::epc)).toList();
  }

  /** Where a tag is now, if this site has seen it. */
  public synchronized Optional<TagPosition> position(String epc) {
    Entry e = tags.get(epc);
    return e == null ? Optional.empty() : Optional.of(e.position());
  }

  /** How many tags this site has a position for. */
  public synchronized int size() {
    return tags.size();
  }

  private BinOccupancy occupancyLocked(String binId) {
    BinSpec spec = binSpecs.get(binId);
    Map<String, Integer> perLot = new HashMap<>(bins.get(binId));
    Integer unregistered = perLot.remove(UNREGISTERED);
    int u = unregistered == null ? 0 : unregistered;
    int count = perLot.values().stream().mapToInt(Integer::intValue).sum() + u;
    return new BinOccupancy(binId, spec.capacity(), count, perLot, u);
  }
}
