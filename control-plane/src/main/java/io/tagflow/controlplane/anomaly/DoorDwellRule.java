package io.tagflow.controlplane.anomaly;

import io.tagflow.controlplane.live.Observation;
import io.tagflow.controlplane.live.PositionChange;
import io.tagflow.controlplane.model.DoorSpec;
import io.tagflow.controlplane.model.SiteLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Raises {@link AnomalyType#DOOR_DWELL} when tags stay at a door longer than a threshold without
 * crossing it.
 *
 * <p>Input: the live state's applied changes ({@link #onChange}). A tag is "at a door" while its latest
 * observation is a <em>location event</em> whose bin is the door id or one of the door's
 * {@link DoorSpec#stagingPoints() staging points}. It stops being at the door as soon as any newer
 * observation moves it (put away to a bin, crossed in or out). Crossing inwards does not count as
 * dwelling: the pallet crossed.
 *
 * <p>Tags at one door form one episode (the pallet or pallets waiting there), which starts at the event
 * time of the first tag to arrive and ends when the last one leaves. {@link #check} (called by a timer)
 * raises one anomaly per episode once the clock is past start + threshold. Its key is the door and the
 * episode's start, so the same episode is never raised twice.
 *
 * <p>Thread-safe (synchronized); nothing blocks.
 */
public final class DoorDwellRule {
  private final String site;
  private final SiteLayout layout;
  private final Duration threshold;
  private final Clock clock;
  /** Per door: EPC to lot (nullable) of the tags at it, and the episode's start. */
  private final Map<String, Episode> episodes = new HashMap<>();

  private static final class Episode {
    final Instant start;
    final Map<String, String> tags = new TreeMap<>();
    boolean raised;

    Episode(Instant start) {
      this.start = start;
    }
  }

  public DoorDwellRule(SiteLayout layout, Duration threshold, Clock clock) {
    if (threshold.isNegative() || threshold.isZero()) {
      throw new IllegalArgumentException("doorDwell threshold must be positive (got " + threshold + ")");
    }
    this.site = layout.id();
    this.layout = layout;
    this.threshold = threshold;
    this.clock = clock;
  }

  /** Follows one applied observation (only ones that changed the live state). */
  public synchronized void onChange(Observation o, PositionChange change) {
    String epc = change.current().epc();
    String newDoor = o.via() == Observation.Via.LOCATION ? doorAt(o.place()) : null;
    String oldDoor = change.previous() == null ? null : doorAt(change.previous().place());
    // A re-read at the same door keeps the episode (and its start) going.
    if (oldDoor != null && !oldDoor.equals(newDoor)) {
      leave(oldDoor, epc);
    }
    if (newDoor != null) {
      episodes.computeIfAbsent(newDoor, d -> new Episode(o.at())).tags.put(epc, change.current().lotId());
    }
  }

  private String doorAt(String place) {
    return layout.doorAt(place).map(DoorSpec::id).orElse(null);
  }

  private void leave(String door, String epc) {
    Episode e = episodes.get(door);
    if (e != null && e.tags.remove(epc) != null && e.tags.isEmpty()) {
      episodes.remove(door);
    }
  }

  /** Anomalies for episodes that just passed the threshold at the clock's now; each is returned once. */
  public synchronized List<Anomaly> check() {
    Instant now = clock.instant();
    List<Anomaly> raised = new ArrayList<>();
    episodes.forEach((door, e) -> {
      if (!e.raised && now.isAfter(e.start.plus(threshold))) {
        e.raised = true;
        List<String> lots = e.tags.values().stream().filter(Objects::nonNull).distinct().toList();
        raised.add(Anomaly.builder(AnomalyType.DOOR_DWELL, site, e.start)
            .key(door + '\n' + e.start)
            .severity(Severity.WARNING)
            .door(door)
            .lot(lots.size() == 1 ? lots.get(0) : null)
            .epcs(List.copyOf(e.tags.keySet()))
            .detail(e.tags.size() + " tag(s) at door " + door + " since " + e.start + " without crossing (threshold "
                + threshold.toSeconds() + " s)")
            .build());
      }
    });
    return raised;
  }
}
