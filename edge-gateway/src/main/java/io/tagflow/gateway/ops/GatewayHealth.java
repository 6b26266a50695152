package io.tagflow.gateway.ops;

import io.tagflow.gateway.delivery.Outbox;
import io.tagflow.gateway.delivery.OutboxStats;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Builds the gateway's {@link HealthReport} from its parts, each read at the moment of the request. */
public final class GatewayHealth implements Supplier<HealthReport> {
  /** The reader session state that means "inventory runs". */
  public static final String READER_RUNNING = "RUNNING";

  private final Supplier<Map<String, String>> readerStates;
  private final BooleanSupplier brokerConnected;
  private final Outbox outbox;
  private final InstantSource clock;

  /**
   * @param readerStates reader id to session state name
   * @param brokerConnected whether the MQTT connection is up
   */
  public GatewayHealth(Supplier<Map<String, String>> readerStates, BooleanSupplier brokerConnected, Outbox outbox,
                       InstantSource clock) {
    this.readerStates = readerStates;
    this.brokerConnected = brokerConnected;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public HealthReport get() {
    Map<String, String> readers = new TreeMap<>(readerStates.get());
    boolean broker = brokerConnected.getAsBoolean();
    OutboxStats stats = outbox.stats();
    double age = stats.oldestPending().map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0).orElse(0.0);
    boolean healthy = broker && stats.level() != OutboxStats.Level.FULL
        && readers.values().stream().allMatch(READER_RUNNING::equals);
    return new HealthReport(healthy, broker, readers, stats.depth(), Math.max(0, age), stats.diskBytes(),
        stats.quotaBytes(), stats.level().name());
  }
}
