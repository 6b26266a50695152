package io.tagflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.controlplane.model.BinSpec;
import io.tagflow.controlplane.model.DoorSpec;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.gateway.config.AntennaConfig;
import io.tagflow.gateway.config.GatewayConfig;
import io.tagflow.gateway.config.GatewayConfigLoader;
import io.tagflow.gateway.config.ReaderConfig;
import io.tagflow.sim.physics.PalletTags;
import io.tagflow.sim.physics.Scene;
import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.scenario.ScenarioLoader;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoSiteTest {
  private static Scenario demo;

  @BeforeAll
  static void load() throws Exception {
    demo = DemoMain.loadScenario(DemoOptions.defaults());
  }

  @Test
  void bundledScenario_isTheAdvertisedSite() {
    SiteLayout site = DemoSite.siteLayout(demo);

    assertThat(site.id()).isEqualTo("dc-demo");
    assertThat(site.doors()).hasSize(4);
    assertThat(site.bins()).hasSize(200);
    assertThat(demo.lots()).extracting(l -> l.id()).contains("LOT-HOLD");
    assertThat(demo.arrivals()).extracting(a -> a.direction().name()).contains("IN", "OUT");
  }

  @Test
  void siteLayout_keepsCoordinatesAndCapacities_shiftedToNonNegative() {
    Scenario s = ScenarioLoader.load(Path.of("../device-simulators/scenarios/four-doors.yaml"));

    SiteLayout site = DemoSite.siteLayout(s);

    // four-doors: D1 at x=0 (3 m wide, so its west jamb is at -1.5), bin B1 at x=-2: everything shifts by +2.
    DoorSpec d1 = site.door("D1").orElseThrow();
    assertThat(d1.x()).isEqualTo(2.0);
    assertThat(d1.y()).isEqualTo(0.0);
    assertThat(d1.stagingPoints()).containsExactly("L1");
    BinSpec b1 = site.bin("B1").orElseThrow();
    assertThat(b1.x()).isEqualTo(0.0);
    assertThat(b1.y()).isEqualTo(25.0);
    assertThat(b1.capacity()).isEqualTo(2);
    assertThat(site.bins()).allSatisfy(b -> assertThat(b.x()).isNotNegative());
  }

  @Test
  void gatewayYaml_validConfig_everyAntennaMappedToItsReadPoint() throws Exception {
    Map<String, InetSocketAddress> addresses = new HashMap<>();
    int port = 40000;
    for (String id : DemoSite.activeReaders(demo)) {
      addresses.put(id, new InetSocketAddress("127.0.0.1", port++));
    }

    GatewayConfig cfg = GatewayConfigLoader.parse(
        DemoSite.gatewayYaml(demo, addresses, "tcp://127.0.0.1:1883", Path.of("/tmp/outbox")), "test");

    assertThat(cfg.site()).isEqualTo("dc-demo");
    assertThat(cfg.readers()).hasSize(11);
    ReaderConfig dock1 = cfg.readers().stream().filter(r -> r.id().equals("DOCK-1")).findFirst().orElseThrow();
    assertThat(dock1.port()).isEqualTo(addresses.get("DOCK-1").getPort());
    assertThat(dock1.antennas()).extracting(a -> a.readPoint().door()).containsOnly("D1");
    assertThat(dock1.antennas()).extracting(a -> a.readPoint().side().name())
        .containsExactly("OUTSIDE", "OUTSIDE", "INSIDE", "INSIDE");
    // Every bin is the read point of exactly one zone antenna (one ceiling antenna per bin).
    List<String> zones = cfg.readers().stream().flatMap(r -> r.antennas().stream())
        .map(AntennaConfig::readPoint).filter(p -> p.zone() != null).map(p -> p.zone()).toList();
    // The demo shows movements as pallets cross: the gateway's default early judgement.
    assertThat(cfg.filter().crossingSettle()).isEqualTo(Duration.ofSeconds(2));
    assertThat(zones).hasSize(200).doesNotHaveDuplicates();
    assertThat(Set.copyOf(zones)).isEqualTo(DemoSite.siteLayout(demo).bins().stream().map(BinSpec::id)
        .collect(Collectors.toSet()));
  }

  @Test
  void tagRegistry_mixedPallet_casesUnderTheirLots_labelUnderTheMainLot() {
    Scenario s = ScenarioLoader.load(Path.of("../device-simulators/scenarios/four-doors.yaml"));
    List<PalletTags> pallets = Scene.build(s).palletTags();
    PalletTags p3 = pallets.stream().filter(p -> p.id().equals("P3")).findFirst().orElseThrow();

    Map<String, String> lotOf = DemoSite.tagRegistry(s, pallets).stream()
        .collect(Collectors.toMap(DemoSite.TagRow::epc, DemoSite.TagRow::lot));

    // P3: SSCC label, then 12 cases of LOT-C3 and 12 of LOT-A1 (equal counts: the first group is main).
    assertThat(p3.epcs()).hasSize(25);
    assertThat(lotOf.get(p3.epcs().get(0))).isEqualTo("LOT-C3");
    assertThat(p3.epcs().subList(1, 13)).allSatisfy(e -> assertThat(lotOf.get(e)).isEqualTo("LOT-C3"));
    assertThat(p3.epcs().subList(13, 25)).allSatisfy(e -> assertThat(lotOf.get(e)).isEqualTo("LOT-A1"));
    // Every pallet tag is registered, the stray tag is not.
    assertThat(lotOf).hasSize(pallets.stream().mapToInt(p -> p.epcs().size()).sum());
    assertThat(lotOf).doesNotContainKey("E2801160600002084C5B3A11");
  }
}
