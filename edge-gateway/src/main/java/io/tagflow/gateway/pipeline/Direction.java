package io.tagflow.gateway.pipeline;

/** The direction of a door crossing. */
public enum Direction {
  /** Outside to inside: receiving. */
  IN,
  /** Inside to outside: shipping. */
  OUT
}
