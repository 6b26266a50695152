package io.tagflow.controlplane.store;

/** A storage bin of a site, placed on the site map (metres), holding up to {@code capacity} tagged items. */
public record Bin(String siteId, String binId, String zone, double x, double y, int capacity) {
  public Bin {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
  }
}
