package io.tagflow.gateway.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;

/** Registers an outbox's depth, disk use, oldest-entry age and quota alarm level as Micrometer gauges. */
public final class OutboxMetrics {
  private OutboxMetrics() {
  }

  public static void register(Outbox outbox, MeterRegistry registry, InstantSource clock) {
    Gauge.builder("tagflow.outbox.depth", outbox, o -> o.stats().depth())
        .description("Events in the outbox not yet acknowledged by the broker").register(registry);
    Gauge.builder("tagflow.outbox.disk", outbox, o -> o.stats().diskBytes())
        .baseUnit("bytes").description("Disk used by the outbox segment files").register(registry);
    Gauge.builder("tagflow.outbox.quota", outbox, o -> o.stats().quotaBytes())
        .baseUnit("bytes").description("Disk quota of the outbox").register(registry);
    Gauge.builder("tagflow.outbox.oldest.age", outbox, o -> o.stats().oldestPending()
            .map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0).orElse(0.0))
        .baseUnit("seconds").description("Age of the oldest event not yet acknowledged").register(registry);
    Gauge.builder("tagflow.outbox.level", outbox, o -> o.stats().level().ordinal())
        .description("Quota alarm: 0 normal, 1 warning (80% of quota), 2 full (events refused)").register(registry);
  }
}
