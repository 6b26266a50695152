package io.tagflow.gateway.pipeline.internal;

/** Where a stage hands a door decision candidate to the next one. */
@FunctionalInterface
public interface CrossingSink {
  void accept(Crossing candidate, long nowMicros);
}
