package io.tagflow.gateway.pipeline;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagflow.gateway.pipeline.internal.StageCounters;

/**
 * Exposes a pipeline's counters to Micrometer as function counters read at scrape time, so the hot
 * path only increments plain longs: {@code tagflow.pipeline.stage.in/out{stage=...}} and the gauge
 * {@code tagflow.pipeline.tags}.
 */
public final class PipelineMetrics {
  private PipelineMetrics() {
  }

  /** Registers the pipeline's meters in {@code registry}. */
  public static void bind(TagPipeline pipeline, MeterRegistry registry) {
    for (StageCounters c : pipeline.liveCounters()) {
      FunctionCounter.builder("tagflow.pipeline.stage.in", c, StageCounters::in)
          .tag("stage", c.name()).description("items received by the stage").register(registry);
      FunctionCounter.builder("tagflow.pipeline.stage.out", c, StageCounters::out)
          .tag("stage", c.name()).description("items passed on or decided by the stage")
          .register(registry);
    }
    Gauge.builder("tagflow.pipeline.tags", pipeline, TagPipeline::trackedTags)
        .description("tags currently tracked").register(registry);
  }
}
