package io.tagflow.controlplane.live;

import io.tagflow.controlplane.model.BinSpec;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.controlplane.model.TagLookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live state of one site. Thread-safe: every method holds the instance lock for a short, non-blocking
 * section. The one blocking call, the registry lookup in {@link #apply}, happens before the lock is taken,
 * so a slow registry never holds readers (the HTTP API, on an event loop) up.
 */
public final class SiteState {
  private final SiteLayout layout;
  /** The winning observation per EPC, and the position it gives. */
  private final Map<String, Entry> tags = new HashMap<>();
  /** Per bin of the layout: units per lot (key {@code null} = unregistered). */
  private final Map<String, Map<String, Integer>> bins = new HashMap<>();
  /** The layout's bins by id: every observation and every bin of a snapshot looks one up (10,000 bins at a site). */
  private final Map<String, BinSpec> binSpecs = new HashMap<>();
  /** Bumped (under the lock) whenever any bin's occupancy changes; lets readers cache an encoded snapshot. */
  private long occupancyVersion;

  private record Entry(Observation observation, TagPosition position) {
  }

  public SiteState(SiteLayout layout) {
    this.layout = layout;
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
      tags.put(o.epc(), new Entry(o, next));
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
