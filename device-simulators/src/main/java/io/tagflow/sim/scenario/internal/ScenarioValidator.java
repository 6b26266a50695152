package io.tagflow.sim.scenario.internal;

import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.Sgtin;
import io.tagflow.protocol.epc.Sscc;
import io.tagflow.sim.scenario.Antenna;
import io.tagflow.sim.scenario.Bin;
import io.tagflow.sim.scenario.CaseGroup;
import io.tagflow.sim.scenario.Door;
import io.tagflow.sim.scenario.Lot;
import io.tagflow.sim.scenario.Pallet;
import io.tagflow.sim.scenario.PhysicsSpec;
import io.tagflow.sim.scenario.ReaderSpec;
import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.scenario.ScenarioError;
import io.tagflow.sim.scenario.Side;
import io.tagflow.sim.scenario.StagingLane;
import io.tagflow.sim.scenario.StrayTag;
import io.tagflow.sim.scenario.Zone;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole scenario and collects every problem with its path, so the user fixes a file in one
 * pass. Cross references (a flow's pallet, an antenna's reader) are checked after each list itself.
 */
public final class ScenarioValidator {
  private static final int MAX_CASES_PER_GROUP = 2000;

  private final Scenario s;
  private final Checks c = new Checks();
  private final Set<String> readerIds = new HashSet<>();
  private final Set<String> lotIds = new HashSet<>();
  private final Set<String> palletIds = new HashSet<>();
  private final Set<String> binIds = new HashSet<>();
  private final Set<String> laneIds = new HashSet<>();
  private final Set<String> doorIds = new HashSet<>();
  private final Set<String> antennaKeys = new HashSet<>();

  private ScenarioValidator(Scenario s) {
    this.s = s;
  }

  /** Every problem of {@code scenario}; empty when it is usable. */
  public static List<ScenarioError> validate(Scenario scenario) {
    ScenarioValidator v = new ScenarioValidator(scenario);
    v.run();
    return v.c.errors;
  }

  private void run() {
    c.text("name", s.name());
    c.text("site", s.site());
    c.positive("durationS", s.durationS());
    physics(s.physics());
    for (int i = 0; i < s.readers().size(); i++) {
      reader("readers[" + i + "]", s.readers().get(i));
    }
    if (s.readers().isEmpty()) {
      c.err("readers", "at least one reader is required");
    }
    for (int i = 0; i < s.doors().size(); i++) {
      door("doors[" + i + "]", s.doors().get(i), i);
    }
    for (int i = 0; i < s.zones().size(); i++) {
      zone("zones[" + i + "]", s.zones().get(i));
    }
    for (int i = 0; i < s.stagingLanes().size(); i++) {
      lane("stagingLanes[" + i + "]", s.stagingLanes().get(i));
    }
    for (int i = 0; i < s.lots().size(); i++) {
      lot("lots[" + i + "]", s.lots().get(i));
    }
    Set<String> ssccs = new HashSet<>();
    for (int i = 0; i < s.pallets().size(); i++) {
      pallet("pallets[" + i + "]", s.pallets().get(i), ssccs);
    }
    for (int i = 0; i < s.strayTags().size(); i++) {
      stray("strayTags[" + i + "]", s.strayTags().get(i));
    }
    c.positive("forklift.speedMps", s.forklift().speedMps());
    c.atLeast("forklift.dwellS", s.forklift().dwellS(), 0);
    new TrafficValidator(s, c, new TrafficValidator.Ids(doorIds, laneIds, binIds, lotIds, palletIds)).run();
  }

  private void physics(PhysicsSpec p) {
    c.range("physics.frequencyMhz", p.frequencyMhz(), 800, 1000);
    c.range("physics.pathLossExponent", p.pathLossExponent(), 1.5, 6);
    c.range("physics.breakpointM", p.breakpointM(), 1, 1000);
    c.range("physics.farPathLossExponent", p.farPathLossExponent(), 1.5, 6);
    c.range("physics.tagSensitivityDbm", p.tagSensitivityDbm(), -40, 0);
    c.range("physics.tagGainDbi", p.tagGainDbi(), -20, 6);
    for (var e : List.of(Map.entry("polarizationLossDb", p.polarizationLossDb()),
        Map.entry("orientationSpreadDb", p.orientationSpreadDb()), Map.entry("innerCaseLossDb", p.innerCaseLossDb()),
        Map.entry("cableLossDb", p.cableLossDb()), Map.entry("modulationLossDb", p.modulationLossDb()),
        Map.entry("fadingSigmaDb", p.fadingSigmaDb()),
        Map.entry("shadowingSigmaDb", p.shadowingSigmaDb()), Map.entry("rssiNoiseDb", p.rssiNoiseDb()),
        Map.entry("reflectionGainDb", p.reflectionGainDb()), Map.entry("sideLobeDb", p.sideLobeDb()))) {
      c.range("physics." + e.getKey(), e.getValue(), 0, 60);
    }
    c.range("physics.missProbability", p.missProbability(), 0, 1);
    c.range("physics.reflectionProbability", p.reflectionProbability(), 0, 1);
  }

  private void reader(String path, ReaderSpec r) {
    if (c.text(path + ".id", r.id()) && !readerIds.add(r.id())) {
      c.err(path + ".id", "duplicate reader id '" + r.id() + "'");
    }
    if (r.llrpPort() == null || r.llrpPort() < 1 || r.llrpPort() > 65535) {
      c.err(path + ".llrpPort", "expected a TCP port 1..65535, got " + r.llrpPort());
    } else {
      for (int j = 0; j < s.readers().size() && s.readers().get(j) != r; j++) {
        if (r.llrpPort().equals(s.readers().get(j).llrpPort())) {
          c.err(path + ".llrpPort", "port " + r.llrpPort() + " is already used by readers[" + j + "]");
        }
      }
    }
    if (r.txPowerDbm().isEmpty()) {
      c.err(path + ".txPowerDbm", "expected at least one power level");
    }
    for (int i = 0; i < r.txPowerDbm().size(); i++) {
      c.range(path + ".txPowerDbm[" + i + "]", r.txPowerDbm().get(i), -10, 36);
    }
    if (r.txPowerIndex() < 1 || r.txPowerIndex() > Math.max(1, r.txPowerDbm().size())) {
      c.err(path + ".txPowerIndex", "expected 1.." + r.txPowerDbm().size() + ", got " + r.txPowerIndex());
    }
    c.range(path + ".sensitivityDbm", r.sensitivityDbm(), -110, -40);
    c.range(path + ".maxReadRate", r.maxReadRate(), 1, 5000);
    c.range(path + ".antennaDwellMs", r.antennaDwellMs(), 1, 10_000);
  }

  private void door(String path, Door d, int index) {
    if (c.text(path + ".id", d.id()) && !doorIds.add(d.id())) {
      c.err(path + ".id", "duplicate door id '" + d.id() + "'");
    }
    c.present(path + ".x", d.x());
    c.range(path + ".width", d.width(), 0.5, 10);
    c.range(path + ".trailerDepthM", d.trailerDepthM(), 1, 20);
    if (d.x() != null) {
      for (int j = 0; j < index; j++) {
        Door o = s.doors().get(j);
        if (o.x() != null && Math.abs(o.x() - d.x()) < (o.width() + d.width()) / 2) {
          c.err(path + ".x", "opening overlaps doors[" + j + "] ('" + o.id() + "')");
        }
      }
    }
    if (d.antennas().isEmpty()) {
      c.err(path + ".antennas", "a door needs at least one portal antenna");
    }
    for (int i = 0; i < d.antennas().size(); i++) {
      Antenna a = d.antennas().get(i);
      String ap = path + ".antennas[" + i + "]";
      antenna(ap, a);
      if (a.side() == null || a.side() == Side.ZONE) {
        c.err(ap + ".side", "expected OUTSIDE or INSIDE, got " + a.side());
      } else if (a.position() != null && a.position().y() != 0
          && (a.side() == Side.OUTSIDE) != (a.position().y() < 0)) {
        c.err(ap + ".position.y", a.side() + " antennas hang on the " + (a.side() == Side.OUTSIDE
            ? "yard side (y < 0)" : "warehouse side (y > 0)") + ", got y=" + a.position().y());
      }
    }
  }

  private void zone(String path, Zone z) {
    c.text(path + ".id", z.id());
    for (int i = 0; i < z.antennas().size(); i++) {
      Antenna a = z.antennas().get(i);
      antenna(path + ".antennas[" + i + "]", a);
      if (a.side() != null && a.side() != Side.ZONE) {
        c.err(path + ".antennas[" + i + "].side", "zone antennas have side ZONE or none, got " + a.side());
      }
    }
    for (int i = 0; i < z.bins().size(); i++) {
      Bin b = z.bins().get(i);
      String bp = path + ".bins[" + i + "]";
      if (c.text(bp + ".id", b.id()) && !binIds.add(b.id())) {
        c.err(bp + ".id", "duplicate bin id '" + b.id() + "'");
      }
      c.insideWarehouse(bp + ".position", b.position());
      if (b.capacity() < 1) {
        c.err(bp + ".capacity", "expected at least 1, got " + b.capacity());
      }
    }
  }

  private void antenna(String path, Antenna a) {
    if (c.text(path + ".reader", a.reader()) && !readerIds.contains(a.reader())) {
      c.err(path + ".reader", "no reader '" + a.reader() + "' in readers");
    }
    if (a.port() == null || a.port() < 1 || a.port() > 32) {
      c.err(path + ".port", "expected an antenna port 1..32, got " + a.port());
    } else if (a.reader() != null && !antennaKeys.add(a.reader() + '#' + a.port())) {
      c.err(path + ".port", "reader '" + a.reader() + "' port " + a.port() + " is declared twice");
    }
    c.present(path + ".position", a.position());
    if (a.boresight() == null || a.boresight().length() == 0) {
      c.err(path + ".boresight", "expected a non-zero direction {x, y, z}");
    }
    c.range(path + ".gainDbi", a.gainDbi(), -10, 20);
    c.range(path + ".beamwidthDeg", a.beamwidthDeg(), 5, 180);
  }

  private void lane(String path, StagingLane l) {
    if (c.text(path + ".id", l.id()) && !laneIds.add(l.id())) {
      c.err(path + ".id", "duplicate lane id '" + l.id() + "'");
    }
    if (l.door() != null && !doorIds.contains(l.door())) {
      c.err(path + ".door", "no door '" + l.door() + "' in doors");
    }
    c.insideWarehouse(path + ".position", l.position());
  }

  private void lot(String path, Lot l) {
    if (c.text(path + ".id", l.id()) && !lotIds.add(l.id())) {
      c.err(path + ".id", "duplicate lot id '" + l.id() + "'");
    }
    if (l.firstSerial() < 0 || l.firstSerial() >= 1L << 38) {
      c.err(path + ".firstSerial", "expected 0..2^38-1 (SGTIN-96 serial), got " + l.firstSerial());
    }
    if (!c.text(path + ".gtin", l.gtin()) || !c.text(path + ".companyPrefix", l.companyPrefix())) {
      return;
    }
    String gtin = l.gtin();
    String cp = l.companyPrefix();
    if (!gtin.matches("[0-9]{14}")) {
      c.err(path + ".gtin", "expected 14 digits (GTIN-14), got \"" + gtin + "\"");
    } else if (!cp.matches("[0-9]{6,12}")) {
      c.err(path + ".companyPrefix", "expected 6..12 digits, got \"" + cp + "\"");
    } else if (!gtin.startsWith(cp, 1)) {
      c.err(path + ".companyPrefix", "GTIN " + gtin + " does not carry company prefix " + cp
          + " after its indicator digit");
    } else {
      Sgtin probe = new Sgtin(2, cp, GtinParts.itemReference(gtin, cp), 0);
      if (!probe.gtin().equals(gtin)) {
        c.err(path + ".gtin", "bad check digit: expected " + probe.gtin().charAt(13) + " in " + gtin);
      }
    }
  }

  private void pallet(String path, Pallet p, Set<String> ssccs) {
    if (c.text(path + ".id", p.id()) && !palletIds.add(p.id())) {
      c.err(path + ".id", "duplicate pallet id '" + p.id() + "'");
    }
    if (c.text(path + ".companyPrefix", p.companyPrefix()) && c.text(path + ".serialReference", p.serialReference())) {
      try {
        Sscc sscc = new Sscc(0, p.companyPrefix(), p.serialReference());
        if (!ssccs.add(sscc.sscc())) {
          c.err(path + ".serialReference", "SSCC " + sscc.sscc() + " is used by another pallet");
        }
      } catch (IllegalArgumentException e) {
        c.err(path + ".serialReference", e.getMessage());
      }
    }
    if (p.cases().isEmpty()) {
      c.err(path + ".cases", "expected at least one case group {lot, count}");
    }
    for (int i = 0; i < p.cases().size(); i++) {
      CaseGroup g = p.cases().get(i);
      c.ref(path + ".cases[" + i + "].lot", g.lot(), lotIds, "lot", "lots");
      if (g.count() == null || g.count() < 1 || g.count() > MAX_CASES_PER_GROUP) {
        c.err(path + ".cases[" + i + "].count", "expected 1.." + MAX_CASES_PER_GROUP + ", got " + g.count());
      }
    }
  }

  private void stray(String path, StrayTag t) {
    try {
      Epc96.fromHex(t.epc() == null ? "" : t.epc());
    } catch (IllegalArgumentException e) {
      c.err(path + ".epc", "expected 24 hex digits, got \"" + t.epc() + "\"");
    }
    c.present(path + ".position", t.position());
  }

}
