package io.tagflow.gateway.config;

import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.gateway.pipeline.Side;
import io.tagflow.gateway.reader.ReaderSettings;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole configuration of one gateway, read from one YAML file by {@link GatewayConfigLoader}.
 * Every key is documented in docs/gateway.md; {@code edge-gateway/gateway.example.yaml} shows them all.
 *
 * @param site site id (required), the first topic level after {@code tagflow/v1}
 * @param gateway gateway id (required), unique within the site
 * @param readers the gateway's readers (at least one)
 * @param filter the read filter's settings; every key optional, defaults in {@link FilterSettings}
 * @param epcFilter which EPCs are admitted; default all
 * @param mqtt the broker (required)
 * @param outbox the durable outbox (required)
 * @param ops the operations HTTP server; default 127.0.0.1:9464
 */
public record GatewayConfig(String site, String gateway, List<ReaderConfig> readers, FilterSettings filter,
                            EpcFilterConfig epcFilter, MqttConfig mqtt, OutboxConfig outbox, OpsConfig ops) {
  public GatewayConfig {
    Ids.check("site", site);
    Ids.check("gateway", gateway);
    if (readers == null || readers.isEmpty()) {
      throw new ConfigProblem("readers", "expected at least one reader");
    }
    readers = List.copyOf(readers);
    Set<String> ids = new HashSet<>();
    Map<String, Set<Side>> doors = new LinkedHashMap<>();
    for (int i = 0; i < readers.size(); i++) {
      ReaderConfig r = readers.get(i);
      if (!ids.add(r.id())) {
        throw new ConfigProblem("readers[" + i + "].id", "reader id " + r.id() + " appears twice");
      }
      for (AntennaConfig a : r.antennas()) {
        if (a.readPoint().door() != null) {
          doors.computeIfAbsent(a.readPoint().door(), d -> EnumSet.noneOf(Side.class)).add(a.readPoint().side());
        }
      }
    }
    for (Map.Entry<String, Set<Side>> door : doors.entrySet()) {
      if (door.getValue().size() < 2) {
        Side have = door.getValue().iterator().next();
        throw new ConfigProblem("readers", "door " + door.getKey() + " has only " + have
            + " read points; expected antennas on the " + have.opposite() + " side as well");
      }
    }
    filter = filter == null ? FilterSettings.defaults() : filter;
    epcFilter = epcFilter == null ? EpcFilterConfig.defaults() : epcFilter;
    if (mqtt == null) {
      throw new ConfigProblem("mqtt", "is required (at least mqtt.uri)");
    }
    if (outbox == null) {
      throw new ConfigProblem("outbox", "is required (at least outbox.directory)");
    }
    ops = ops == null ? OpsConfig.defaults() : ops;
  }

  /** The MQTT client id: {@code mqtt.clientId}, or {@code tagflow-{site}-{gateway}}. */
  public String clientId() {
    return mqtt.clientId() != null ? mqtt.clientId() : "tagflow-" + site + "-" + gateway;
  }

  /** Reader session settings, in file order. */
  public List<ReaderSettings> readerSettings() {
    return readers.stream().map(ReaderConfig::toSettings).toList();
  }

  /** A copy with another outbox directory (the loader resolves relative paths). */
  GatewayConfig withOutbox(OutboxConfig outbox) {
    return new GatewayConfig(site, gateway, readers, filter, epcFilter, mqtt, outbox, ops);
  }
}
