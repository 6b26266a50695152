package io.tagflow.gateway.config;

import io.tagflow.gateway.reader.AntennaSettings;
import io.tagflow.gateway.reader.ReaderSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One fixed reader of the gateway.
 *
 * @param id reader id (required), used in topics, logs and metrics
 * @param host reader address (required)
 * @param port LLRP port, default 5084
 * @param keepalive LLRP keepalive period, default 10s
 * @param rospec ROSpec settings; defaults when missing
 * @param antennas at least one antenna with its read point
 */
public record ReaderConfig(String id, String host, Integer port, Duration keepalive, RoSpecConfig rospec,
                           List<AntennaConfig> antennas) {
  public ReaderConfig {
    Ids.check("id", id);
    if (host == null || host.isBlank()) {
      throw new ConfigProblem("host", "is required (the reader's address)");
    }
    port = port == null ? ReaderSettings.DEFAULT_PORT : port;
    if (port < 1 || port > 65535) {
      throw new ConfigProblem("port", "expected 1..65535, was " + port);
    }
    if (keepalive != null && (keepalive.toMillis() < 1 || keepalive.toMillis() > 0xFFFF_FFFFL)) {
      throw new ConfigProblem("keepalive", "expected a duration from 1ms to 49 days, was " + keepalive);
    }
    rospec = rospec == null ? RoSpecConfig.defaults() : rospec;
    if (antennas == null || antennas.isEmpty()) {
      throw new ConfigProblem("antennas", "expected at least one antenna with a readPoint");
    }
    antennas = List.copyOf(antennas);
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < antennas.size(); i++) {
      if (!ports.add(antennas.get(i).port())) {
        throw new ConfigProblem("antennas[" + i + "].port", "antenna " + antennas.get(i).port() + " appears twice");
      }
    }
  }

  /** The reader session's settings. */
  public ReaderSettings toSettings() {
    ReaderSettings.Builder b = ReaderSettings.builder(id, host).port(port)
        .antennas(antennas.stream()
            .map(a -> new AntennaSettings(a.port(), a.txPowerIndex(), a.receiverSensitivityIndex())).toList());
    if (keepalive != null) {
      b.keepalivePeriod(keepalive);
    }
    if (rospec.session() != null) {
      b.session(rospec.session());
    }
    if (rospec.tagPopulation() != null) {
      b.tagPopulation(rospec.tagPopulation());
    }
    if (rospec.reportEveryTags() != null) {
      b.reportEveryTags(rospec.reportEveryTags());
    }
    if (rospec.reportEvery() != null) {
      b.reportPeriod(rospec.reportEvery());
    }
    return b.build();
  }
}
