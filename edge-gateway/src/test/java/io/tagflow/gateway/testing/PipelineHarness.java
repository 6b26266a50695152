package io.tagflow.gateway.testing;

import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.gateway.pipeline.TagPipeline;
import io.tagflow.gateway.pipeline.TagRead;
import java.util.List;

/**
 * Drives a pipeline through a read stream on a {@link FakeClock}: the clock follows the reads'
 * timestamps and the pipeline is ticked every 100 ms, as the gateway's timer would.
 */
public final class PipelineHarness {
  public static final long TICK_MICROS = 100_000;

  public final FakeClock clock = FakeClock.atMicros(DockScenario.T0);
  public final RecordingListener listener = new RecordingListener();
  public final TagPipeline pipeline;
  private long nextTick = DockScenario.T0 + TICK_MICROS;

  public PipelineHarness(FilterSettings settings, DockScenario scenario) {
    this(scenario.configure(TagPipeline.builder()).settings(settings));
  }

  /** With a builder the caller has mapped; clock and listener are set here. */
  public PipelineHarness(TagPipeline.Builder builder) {
    this.pipeline = builder.clock(clock).listener(listener).build();
  }

  public PipelineHarness feed(List<TagRead> reads) {
    for (TagRead r : reads) {
      runUntil(r.timestampMicros());
      pipeline.onRead(r);
    }
    return this;
  }

  /** Advances the clock to {@code micros}, ticking on the way. */
  public PipelineHarness runUntil(long micros) {
    while (nextTick <= micros) {
      clock.setMicros(nextTick);
      pipeline.tick();
      nextTick += TICK_MICROS;
    }
    clock.setMicros(Math.max(clock.micros(), micros));
    return this;
  }

  /** Runs {@code seconds} past the current time. */
  public PipelineHarness runFor(double seconds) {
    return runUntil(clock.micros() + (long) (seconds * 1e6));
  }
}
