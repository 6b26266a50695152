package io.tagflow.gateway.pipeline;

/** Which face of a dock door a read point watches. */
public enum Side {
  /** The dock / truck side. */
  OUTSIDE,
  /** The warehouse side. */
  INSIDE;

  /** The other face. */
  public Side opposite() {
    return this == OUTSIDE ? INSIDE : OUTSIDE;
  }
}
