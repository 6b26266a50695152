package io.tagflow.sim.scenario;

/** Where an antenna reads: a door portal's yard side, its warehouse side, or a storage zone. */
public enum Side {
  /** The dock/trailer side of a door ({@code y < 0}). */
  OUTSIDE,
  /** The warehouse side of a door ({@code y > 0}). */
  INSIDE,
  /** A storage zone's own antenna. */
  ZONE
}
