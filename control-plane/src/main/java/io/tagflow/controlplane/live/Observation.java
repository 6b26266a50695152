package io.tagflow.controlplane.live;

import io.tagflow.controlplane.model.Ids;
import io.tagflow.controlplane.model.TagRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One fact "tag {@code epc} was at {@code place} at {@code at}", as taken from one event. A movement
 * gives one observation per tag (place = the door), a location event gives one.
 *
 * @param site site id
 * @param epc canonical upper-case hex EPC
 * @param place bin, read point or door id
 * @param via what kind of event said so
 * @param at event time
 * @param eventId id of the event (movement id, or the location event's id); breaks ties of {@code at}
 */
public record Observation(String site, String epc, String place, Via via, Instant at, String eventId) {
  /**
   * The last-writer-wins order: later event time wins; equal times are broken by event id, then place,
   * then kind, so the order is total and the winner never depends on arrival order.
   */
  public static final Comparator<Observation> ORDER = Observation::compareOrder;

  public Observation {
    Ids.require("site", site);
    epc = TagRecord.normaliseEpc(epc);
    Objects.requireNonNull(place, "place");
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(eventId, "eventId");
  }

  /**
   * {@link #ORDER}, written out: it runs for every tag of every movement (once per {@code apply}, and in
   * the shipped set's tree), where the chained {@code Comparator.comparing} lambdas showed in profiles.
   */
  private static int compareOrder(Observation a, Observation b) {
    int c = a.at.compareTo(b.at);
    if (c == 0) {
      c = a.eventId.compareTo(b.eventId);
    }
    if (c == 0) {
      c = a.place.compareTo(b.place);
    }
    return c != 0 ? c : a.via.compareTo(b.via);
  }

  /** The kind of event an observation came from. */
  public enum Via {
    /** A location event: the tag was read at a bin or read point. */
    LOCATION,
    /** The tag crossed the door inwards. */
    MOVEMENT_IN,
    /** The tag crossed the door outwards: it has left the site. */
    MOVEMENT_OUT
  }
}
