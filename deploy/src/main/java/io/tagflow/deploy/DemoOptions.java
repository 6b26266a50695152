package io.tagflow.deploy;

import io.tagflow.controlplane.ControlPlaneConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code ./tagflow demo} runs with. Every component binds 127.0.0.1.
 *
 * @param httpPort the control plane's HTTP port (the map and the API); 0 picks a free port
 * @param pgUrl an external PostgreSQL ({@code jdbc:postgresql://...}), or null for the embedded one
 * @param mqttUri an external MQTT 5 broker ({@code tcp://host:port}), or null for the in-process one
 * @param scenario a scenario file, or null for the bundled demo site ({@link #BUNDLED_SCENARIO})
 * @param statusEvery how often the one-line status is printed
 * @param lockedLots lots locked at start (those the scenario does not declare are ignored), so that
 *     pallets of them leaving through a door raise an {@code unexpected_exit} anomaly
 */
public record DemoOptions(int httpPort, String pgUrl, String mqttUri, Path scenario, Duration statusEvery,
    List<String> lockedLots) {
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final Duration DEFAULT_STATUS_EVERY = Duration.ofSeconds(10);
  /** The lot the bundled scenario ships out although it is on hold. */
  public static final List<String> DEFAULT_LOCKED_LOTS = List.of("LOT-HOLD");
  /** Classpath resource of the bundled demo site. */
  public static final String BUNDLED_SCENARIO = "/io/tagflow/deploy/demo.yaml";

  public DemoOptions {
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("--http-port must be 0 (any free port) to 65535 (got " + httpPort + ")");
    }
    if (pgUrl != null && !pgUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException("--pg-url must be a jdbc:postgresql://host:port/database URL (got '"
          + ControlPlaneConfig.Database.withoutParameters(pgUrl) + "')");
    }
    if (mqttUri != null && !mqttUri.matches("(tcp|ssl)://[^/]+:\\d+")) {
      throw new IllegalArgumentException("--mqtt-uri must look like tcp://host:port or ssl://host:port (got '"
          + mqttUri + "')");
    }
    statusEvery = statusEvery == null ? DEFAULT_STATUS_EVERY : statusEvery;
    if (statusEvery.isNegative() || statusEvery.isZero()) {
      throw new IllegalArgumentException("--status-every must be positive (got " + statusEvery.toSeconds() + " s)");
    }
    lockedLots = lockedLots == null ? DEFAULT_LOCKED_LOTS : List.copyOf(lockedLots);
  }

  /** The defaults: port 8080, embedded services, the bundled site, status every 10 s. */
  public static DemoOptions defaults() {
    return new DemoOptions(DEFAULT_HTTP_PORT, null, null, null, null, null);
  }

  public DemoOptions withHttpPort(int port) {
    return new DemoOptions(port, pgUrl, mqttUri, scenario, statusEvery, lockedLots);
  }

  public DemoOptions withStatusEvery(Duration every) {
    return new DemoOptions(httpPort, pgUrl, mqttUri, scenario, every, lockedLots);
  }
}
