package io.tagflow.controlplane.live;

import java.util.Locale;

/** What kind of place a tag is at, as the site layout sees it. Only {@link #BIN} counts towards occupancy. */
public enum PlaceKind {
  /** A bin of the layout. */
  BIN,
  /** At or in front of a door: crossed inwards, or read at the door or its staging lane. */
  DOOR,
  /** Crossed a door outwards: the tag has left the site. */
  SHIPPED,
  /** A read point the layout does not know. */
  UNKNOWN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
