package io.tagflow.deploy;

import io.tagflow.controlplane.model.BinSpec;
import io.tagflow.controlplane.model.DoorSpec;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.sim.physics.PalletTags;
import io.tagflow.sim.scenario.Antenna;
import io.tagflow.sim.scenario.Bin;
import io.tagflow.sim.scenario.CaseGroup;
import io.tagflow.sim.scenario.Door;
import io.tagflow.sim.scenario.Pallet;
import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.scenario.StagingLane;
import io.tagflow.sim.scenario.Zone;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the demo derives from a scenario so that the control plane and the gateway describe the
 * same warehouse the simulator plays: the control plane's site layout (doors and bins with their map
 * coordinates and capacities), the gateway's configuration (readers and antennas mapped to read
 * points), and the tag registry (which EPC belongs to which lot).
 *
 * <p>Map coordinates: the scenario's frame (x along the dock wall, y into the warehouse, doors at
 * y = 0) shifted so that nothing is negative, as the map requires.
 */
public final class DemoSite {
  private DemoSite() {
  }

  /** One row of the tag registry. */
  public record TagRow(String epc, String lot) {
  }

  /** The control plane's layout of the scenario's site. */
  public static SiteLayout siteLayout(Scenario scenario) {
    List<Bin> bins = scenario.zones().stream().flatMap(z -> z.bins().stream()).toList();
    double minX = 0;
    double minY = 0;
    for (Door d : scenario.doors()) {
      minX = Math.min(minX, d.x() - d.width() / 2);
    }
    for (Bin b : bins) {
      minX = Math.min(minX, b.position().x());
      minY = Math.min(minY, b.position().y());
    }
    double dx = -minX;
    double dy = -minY;
    Map<String, List<String>> lanes = new LinkedHashMap<>();
    for (StagingLane l : scenario.stagingLanes()) {
      if (l.door() != null) {
        lanes.computeIfAbsent(l.door(), k -> new ArrayList<>()).add(l.id());
      }
    }
    List<DoorSpec> doors = scenario.doors().stream()
        .map(d -> new DoorSpec(d.id(), lanes.getOrDefault(d.id(), List.of()), d.x() + dx, dy))
        .toList();
    List<BinSpec> binSpecs = bins.stream()
        .map(b -> new BinSpec(b.id(), b.capacity(), b.position().x() + dx, b.position().y() + dy))
        .toList();
    return new SiteLayout(scenario.site(), scenario.name(), false, doors, binSpecs);
  }

  /**
   * The gateway's configuration as YAML (parsed and validated by {@code GatewayConfigLoader.parse}):
   * one reader per scenario reader at the address its simulator listens on; each door antenna reads
   * for its door and side, each zone antenna for the bin of its zone nearest below it.
   *
   * @param readerAddresses where each simulated reader listens, by reader id
   */
  public static String gatewayYaml(Scenario scenario, Map<String, InetSocketAddress> readerAddresses,
      String mqttUri, Path outboxDirectory) {
    Map<String, List<String>> antennaLines = new LinkedHashMap<>();
    scenario.readers().forEach(r -> antennaLines.put(r.id(), new ArrayList<>()));
    for (Door d : scenario.doors()) {
      for (Antenna a : d.antennas()) {
        antennaLines.get(a.reader()).add(antenna(a, "{door: " + d.id() + ", side: " + a.side().name() + "}"));
      }
    }
    for (Zone z : scenario.zones()) {
      for (Antenna a : z.antennas()) {
        antennaLines.get(a.reader()).add(antenna(a, "{zone: " + nearestBin(z, a) + "}"));
      }
    }
    StringBuilder y = new StringBuilder();
    y.append("site: ").append(scenario.site()).append('\n');
    y.append("gateway: demo-gateway\n");
    y.append("readers:\n");
    for (Map.Entry<String, List<String>> r : antennaLines.entrySet()) {
      if (r.getValue().isEmpty()) {
        continue;
      }
      InetSocketAddress at = readerAddresses.get(r.getKey());
      if (at == null) {
        throw new IllegalArgumentException("no address for reader " + r.getKey());
      }
      y.append("  - id: ").append(r.getKey()).append('\n');
      y.append("    host: ").append(at.getHostString()).append('\n');
      y.append("    port: ").append(at.getPort()).append('\n');
      y.append("    antennas:\n");
      r.getValue().forEach(line -> y.append(line).append('\n'));
    }
    y.append("mqtt:\n  uri: \"").append(mqttUri).append("\"\n");
    y.append("outbox:\n  directory: \"").append(outboxDirectory.toAbsolutePath()).append("\"\n");
    y.append("ops:\n  bind: 127.0.0.1\n  port: 0\n");
    return y.toString();
  }

  private static String antenna(Antenna a, String readPoint) {
    return "      - {port: " + a.port() + ", readPoint: " + readPoint + "}";
  }

  /** The bin of the zone closest to the point under the antenna (ties: the first declared). */
  static String nearestBin(Zone zone, Antenna a) {
    return zone.bins().stream()
        .min(Comparator.comparingDouble(b -> Math.hypot(b.position().x() - a.position().x(),
            b.position().y() - a.position().y())))
        .map(Bin::id)
        .orElseThrow(() -> new IllegalArgumentException("zone " + zone.id() + " has antennas but no bins"));
  }

  /**
   * The tag registry of the scene's pallets: every case tag under its case's lot, the SSCC label under
   * the pallet's main lot (the one with most cases). Stray tags stay unregistered, as in a real site.
   *
   * @param pallets {@code Scene.palletTags()}: declared and generated pallets with their EPCs
   */
  public static List<TagRow> tagRegistry(Scenario scenario, List<PalletTags> pallets) {
    Map<String, Pallet> declared = scenario.pallets().stream()
        .collect(Collectors.toMap(Pallet::id, Function.identity()));
    List<TagRow> rows = new ArrayList<>();
    for (PalletTags p : pallets) {
      Pallet d = declared.get(p.id());
      List<CaseGroup> groups = d != null ? d.cases()
          : List.of(new CaseGroup(p.lots().get(0), p.epcs().size() - 1));
      String mainLot = groups.stream().max(Comparator.comparingInt(CaseGroup::count)).orElseThrow().lot();
      rows.add(new TagRow(p.epcs().get(0), mainLot));
      int i = 1;
      for (CaseGroup g : groups) {
        for (int n = 0; n < g.count() && i < p.epcs().size(); n++, i++) {
          rows.add(new TagRow(p.epcs().get(i), g.lot()));
        }
      }
    }
    return rows;
  }

  /** The readers that serve at least one antenna (a reader without any has nothing to do). */
  static List<String> activeReaders(Scenario scenario) {
    List<String> ids = new ArrayList<>();
    for (Door d : scenario.doors()) {
      d.antennas().forEach(a -> addOnce(ids, a.reader()));
    }
    for (Zone z : scenario.zones()) {
      z.antennas().forEach(a -> addOnce(ids, a.reader()));
    }
    return ids;
  }

  private static void addOnce(List<String> ids, String id) {
    if (!ids.contains(id)) {
      ids.add(id);
    }
  }

  static String describe(Scenario s) {
    long bins = s.zones().stream().mapToLong(z -> z.bins().size()).sum();
    return String.format(Locale.ROOT, "%s: %d doors, %d bins, %d readers", s.name(), s.doors().size(), bins,
        s.readers().size());
  }

}
