package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.StageCount;

/**
 * In and out counts of one stage, plain longs written by the pipeline thread. Readers on other
 * threads (metrics scrapes) may see slightly stale values, which is fine for counters.
 */
public final class StageCounters {
  private final String name;
  long in;
  long out;

  public StageCounters(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public long in() {
    return in;
  }

  public long out() {
    return out;
  }

  public StageCount snapshot() {
    return new StageCount(name, in, out);
  }
}
