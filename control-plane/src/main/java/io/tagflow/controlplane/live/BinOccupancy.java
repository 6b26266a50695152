package io.tagflow.controlplane.live;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a bin holds now.
 *
 * @param bin bin id
 * @param capacity units it holds when full
 * @param count tagged units in it now
 * @param lots count per registered lot, sorted by lot id
 * @param unregistered units whose tag is not in the registry
 */
public record BinOccupancy(String bin, int capacity, int count, Map<String, Integer> lots, int unregistered) {
  public BinOccupancy {
    lots = java.util.Collections.unmodifiableMap(new TreeMap<>(lots));
  }

  /** Fill in percent of capacity, rounded down; above 100 when over capacity. */
  @com.fasterxml.jackson.annotation.JsonProperty("fillPercent")
  public int fillPercent() {
    return (int) (100L * count / capacity);
  }

  /** True when the bin holds more than its capacity. */
  @com.fasterxml.jackson.annotation.JsonProperty("overCapacity")
  public boolean overCapacity() {
    return count > capacity;
  }
}
