package io.tagflow.sim.scenario.internal;

import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.Sgtin;
import io.tagflow.protocol.epc.Sscc;
import io.tagflow.sim.scenario.Antenna;
import io.tagflow.sim.scenario.Arrivals;
import io.tagflow.sim.scenario.Bin;
import io.tagflow.sim.scenario.CaseGroup;
import io.tagflow.sim.scenario.Door;
import io.tagflow.sim.scenario.Flow;
import io.tagflow.sim.scenario.Lot;
import io.tagflow.sim.scenario.Pallet;
import io.tagflow.sim.scenario.PhysicsSpec;
import io.tagflow.sim.scenario.Point;
import io.tagflow.sim.scenario.ReaderSpec;
import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.scenario.ScenarioError;
import io.tagflow.sim.scenario.Side;
import io.tagflow.sim.scenario.StagingLane;
import io.tagflow.sim.scenario.StrayTag;
import io.tagflow.sim.scenario.Zone;
import java.util.ArrayList;
import java.util.HashMap;
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
  private final List<ScenarioError> errors = new ArrayList<>();
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
    return v.errors;
  }

  private void run() {
    text("name", s.name());
    text("site", s.site());
    positive("durationS", s.durationS());
    physics(s.physics());
    for (int i = 0; i < s.readers().size(); i++) {
      reader("readers[" + i + "]", s.readers().get(i));
    }
    if (s.readers().isEmpty()) {
      err("readers", "at least one reader is required");
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
    positive("forklift.speedMps", s.forklift().speedMps());
    atLeast("forklift.dwellS", s.forklift().dwellS(), 0);
    flows();
    for (int i = 0; i < s.arrivals().size(); i++) {
      arrivals("arrivals[" + i + "]", s.arrivals().get(i));
    }
  }

  private void physics(PhysicsSpec p) {
    range("physics.frequencyMhz", p.frequencyMhz(), 800, 1000);
    range("physics.pathLossExponent", p.pathLossExponent(), 1.5, 6);
    range("physics.breakpointM", p.breakpointM(), 1, 1000);
    range("physics.farPathLossExponent", p.farPathLossExponent(), 1.5, 6);
    range("physics.tagSensitivityDbm", p.tagSensitivityDbm(), -40, 0);
    range("physics.tagGainDbi", p.tagGainDbi(), -20, 6);
    for (var e : List.of(Map.entry("polarizationLossDb", p.polarizationLossDb()),
        Map.entry("orientationSpreadDb", p.orientationSpreadDb()), Map.entry("innerCaseLossDb", p.innerCaseLossDb()),
        Map.entry("cableLossDb", p.cableLossDb()), Map.entry("modulationLossDb", p.modulationLossDb()),
        Map.entry("fadingSigmaDb", p.fadingSigmaDb()),
        Map.entry("shadowingSigmaDb", p.shadowingSigmaDb()), Map.entry("rssiNoiseDb", p.rssiNoiseDb()),
        Map.entry("reflectionGainDb", p.reflectionGainDb()), Map.entry("sideLobeDb", p.sideLobeDb()))) {
      range("physics." + e.getKey(), e.getValue(), 0, 60);
    }
    range("physics.missProbability", p.missProbability(), 0, 1);
    range("physics.reflectionProbability", p.reflectionProbability(), 0, 1);
  }

  private void reader(String path, ReaderSpec r) {
    if (text(path + ".id", r.id()) && !readerIds.add(r.id())) {
      err(path + ".id", "duplicate reader id '" + r.id() + "'");
    }
    if (r.llrpPort() == null || r.llrpPort() < 1 || r.llrpPort() > 65535) {
      err(path + ".llrpPort", "expected a TCP port 1..65535, got " + r.llrpPort());
    } else {
      for (int j = 0; j < s.readers().size() && s.readers().get(j) != r; j++) {
        if (r.llrpPort().equals(s.readers().get(j).llrpPort())) {
          err(path + ".llrpPort", "port " + r.llrpPort() + " is already used by readers[" + j + "]");
        }
      }
    }
    if (r.txPowerDbm().isEmpty()) {
      err(path + ".txPowerDbm", "expected at least one power level");
    }
    for (int i = 0; i < r.txPowerDbm().size(); i++) {
      range(path + ".txPowerDbm[" + i + "]", r.txPowerDbm().get(i), -10, 36);
    }
    if (r.txPowerIndex() < 1 || r.txPowerIndex() > Math.max(1, r.txPowerDbm().size())) {
      err(path + ".txPowerIndex", "expected 1.." + r.txPowerDbm().size() + ", got " + r.txPowerIndex());
    }
    range(path + ".sensitivityDbm", r.sensitivityDbm(), -110, -40);
    range(path + ".maxReadRate", r.maxReadRate(), 1, 5000);
    range(path + ".antennaDwellMs", r.antennaDwellMs(), 1, 10_000);
  }

  private void door(String path, Door d, int index) {
    if (text(path + ".id", d.id()) && !doorIds.add(d.id())) {
      err(path + ".id", "duplicate door id '" + d.id() + "'");
    }
    present(path + ".x", d.x());
    range(path + ".width", d.width(), 0.5, 10);
    range(path + ".trailerDepthM", d.trailerDepthM(), 1, 20);
    if (d.x() != null) {
      for (int j = 0; j < index; j++) {
        Door o = s.doors().get(j);
        if (o.x() != null && Math.abs(o.x() - d.x()) < (o.width() + d.width()) / 2) {
          err(path + ".x", "opening overlaps doors[" + j + "] ('" + o.id() + "')");
        }
      }
    }
    if (d.antennas().isEmpty()) {
      err(path + ".antennas", "a door needs at least one portal antenna");
    }
    for (int i = 0; i < d.antennas().size(); i++) {
      Antenna a = d.antennas().get(i);
      String ap = path + ".antennas[" + i + "]";
      antenna(ap, a);
      if (a.side() == null || a.side() == Side.ZONE) {
        err(ap + ".side", "expected OUTSIDE or INSIDE, got " + a.side());
      } else if (a.position() != null && a.position().y() != 0
          && (a.side() == Side.OUTSIDE) != (a.position().y() < 0)) {
        err(ap + ".position.y", a.side() + " antennas hang on the " + (a.side() == Side.OUTSIDE
            ? "yard side (y < 0)" : "warehouse side (y > 0)") + ", got y=" + a.position().y());
      }
    }
  }

  private void zone(String path, Zone z) {
    text(path + ".id", z.id());
    for (int i = 0; i < z.antennas().size(); i++) {
      Antenna a = z.antennas().get(i);
      antenna(path + ".antennas[" + i + "]", a);
      if (a.side() != null && a.side() != Side.ZONE) {
        err(path + ".antennas[" + i + "].side", "zone antennas have side ZONE or none, got " + a.side());
      }
    }
    for (int i = 0; i < z.bins().size(); i++) {
      Bin b = z.bins().get(i);
      String bp = path + ".bins[" + i + "]";
      if (text(bp + ".id", b.id()) && !binIds.add(b.id())) {
        err(bp + ".id", "duplicate bin id '" + b.id() + "'");
      }
      insideWarehouse(bp + ".position", b.position());
      if (b.capacity() < 1) {
        err(bp + ".capacity", "expected at least 1, got " + b.capacity());
      }
    }
  }

  private void antenna(String path, Antenna a) {
    if (text(path + ".reader", a.reader()) && !readerIds.contains(a.reader())) {
      err(path + ".reader", "no reader '" + a.reader() + "' in readers");
    }
    if (a.port() == null || a.port() < 1 || a.port() > 32) {
      err(path + ".port", "expected an antenna port 1..32, got " + a.port());
    } else if (a.reader() != null && !antennaKeys.add(a.reader() + '#' + a.port())) {
      err(path + ".port", "reader '" + a.reader() + "' port " + a.port() + " is declared twice");
    }
    present(path + ".position", a.position());
    if (a.boresight() == null || a.boresight().length() == 0) {
      err(path + ".boresight", "expected a non-zero direction {x, y, z}");
    }
    range(path + ".gainDbi", a.gainDbi(), -10, 20);
    range(path + ".beamwidthDeg", a.beamwidthDeg(), 5, 180);
  }

  private void lane(String path, StagingLane l) {
    if (text(path + ".id", l.id()) && !laneIds.add(l.id())) {
      err(path + ".id", "duplicate lane id '" + l.id() + "'");
    }
    if (l.door() != null && !doorIds.contains(l.door())) {
      err(path + ".door", "no door '" + l.door() + "' in doors");
    }
    insideWarehouse(path + ".position", l.position());
  }

  private void lot(String path, Lot l) {
    if (text(path + ".id", l.id()) && !lotIds.add(l.id())) {
      err(path + ".id", "duplicate lot id '" + l.id() + "'");
    }
    if (l.firstSerial() < 0 || l.firstSerial() >= 1L << 38) {
      err(path + ".firstSerial", "expected 0..2^38-1 (SGTIN-96 serial), got " + l.firstSerial());
    }
    if (!text(path + ".gtin", l.gtin()) || !text(path + ".companyPrefix", l.companyPrefix())) {
      return;
    }
    String gtin = l.gtin();
    String cp = l.companyPrefix();
    if (!gtin.matches("[0-9]{14}")) {
      err(path + ".gtin", "expected 14 digits (GTIN-14), got \"" + gtin + "\"");
    } else if (!cp.matches("[0-9]{6,12}")) {
      err(path + ".companyPrefix", "expected 6..12 digits, got \"" + cp + "\"");
    } else if (!gtin.startsWith(cp, 1)) {
      err(path + ".companyPrefix", "GTIN " + gtin + " does not carry company prefix " + cp
          + " after its indicator digit");
    } else {
      Sgtin probe = new Sgtin(2, cp, GtinParts.itemReference(gtin, cp), 0);
      if (!probe.gtin().equals(gtin)) {
        err(path + ".gtin", "bad check digit: expected " + probe.gtin().charAt(13) + " in " + gtin);
      }
    }
  }

  private void pallet(String path, Pallet p, Set<String> ssccs) {
    if (text(path + ".id", p.id()) && !palletIds.add(p.id())) {
      err(path + ".id", "duplicate pallet id '" + p.id() + "'");
    }
    if (text(path + ".companyPrefix", p.companyPrefix()) && text(path + ".serialReference", p.serialReference())) {
      try {
        Sscc sscc = new Sscc(0, p.companyPrefix(), p.serialReference());
        if (!ssccs.add(sscc.sscc())) {
          err(path + ".serialReference", "SSCC " + sscc.sscc() + " is used by another pallet");
        }
      } catch (IllegalArgumentException e) {
        err(path + ".serialReference", e.getMessage());
      }
    }
    if (p.cases().isEmpty()) {
      err(path + ".cases", "expected at least one case group {lot, count}");
    }
    for (int i = 0; i < p.cases().size(); i++) {
      CaseGroup g = p.cases().get(i);
      lotRef(path + ".cases[" + i + "].lot", g.lot());
      if (g.count() == null || g.count() < 1 || g.count() > MAX_CASES_PER_GROUP) {
        err(path + ".cases[" + i + "].count", "expected 1.." + MAX_CASES_PER_GROUP + ", got " + g.count());
      }
    }
  }

  private void stray(String path, StrayTag t) {
    try {
      Epc96.fromHex(t.epc() == null ? "" : t.epc());
    } catch (IllegalArgumentException e) {
      err(path + ".epc", "expected 24 hex digits, got \"" + t.epc() + "\"");
    }
    present(path + ".position", t.position());
  }

  private void flows() {
    Places places = new Places(s);
    Map<String, Integer> binUse = new HashMap<>();
    Map<String, Flow> lastFlow = new HashMap<>();
    for (int i = 0; i < s.flows().size(); i++) {
      Flow f = s.flows().get(i);
      String path = "flows[" + i + "]";
      if (text(path + ".pallet", f.pallet()) && !palletIds.contains(f.pallet())) {
        err(path + ".pallet", "no pallet '" + f.pallet() + "' in pallets");
      }
      atLeast(path + ".atS", f.atS(), 0);
      if (f.dwellS() != null) {
        atLeast(path + ".dwellS", f.dwellS(), 0);
      }
      if (f.path().isEmpty()) {
        err(path + ".path", "expected one or more waypoints (trailer:D, door:D, lane:L, bin:B)");
        continue;
      }
      Places.Place prev = null;
      for (int w = 0; w < f.path().size(); w++) {
        String wp = path + ".path[" + w + "]";
        Places.Place p = places.resolve(f.path().get(w));
        if (p == null) {
          err(wp, "unknown waypoint '" + f.path().get(w) + "' (expected trailer:D, door:D, lane:L or bin:B"
              + " naming a declared door, lane or bin)");
          prev = null;
          continue;
        }
        if (p.kind() == Places.Kind.TRAILER && w != 0 && w != f.path().size() - 1) {
          err(wp, "a trailer can only be the first or the last waypoint");
        }
        if (prev != null) {
          wallCrossing(wp, prev, p, places);
        }
        prev = p;
      }
      Places.Place last = places.resolve(f.path().get(f.path().size() - 1));
      if (last != null && last.kind() == Places.Kind.BIN) {
        binUse.merge(last.id(), 1, Integer::sum);
      }
      Flow before = lastFlow.put(String.valueOf(f.pallet()), f);
      if (before != null && f.atS() != null && before.atS() != null) {
        String end = before.path().isEmpty() ? null : before.path().get(before.path().size() - 1);
        if (f.atS() < before.atS()) {
          err(path + ".atS", "flows of pallet '" + f.pallet() + "' must be listed in time order");
        } else if (end != null && !end.equals(f.path().get(0))) {
          err(path + ".path[0]", "pallet '" + f.pallet() + "' is at " + end + " after its previous flow");
        }
      }
    }
    for (Zone z : s.zones()) {
      for (Bin b : z.bins()) {
        int used = binUse.getOrDefault(b.id(), 0);
        if (b.id() != null && used > b.capacity()) {
          err("flows", used + " pallets end in bin '" + b.id() + "' but its capacity is " + b.capacity());
        }
      }
    }
  }

  private void wallCrossing(String path, Places.Place from, Places.Place to, Places places) {
    Point a = from.position();
    Point b = to.position();
    if ((a.y() < 0 && b.y() > 0) || (a.y() > 0 && b.y() < 0)) {
      double x = a.x() + (b.x() - a.x()) * (-a.y() / (b.y() - a.y()));
      if (places.doorAt(x) == null) {
        err(path, "the way from " + from.name() + " to " + to.name() + " crosses the dock wall at x="
            + Math.round(x * 100) / 100.0 + ", outside every door (add a door:D waypoint)");
      }
    }
  }

  private void arrivals(String path, Arrivals a) {
    if (text(path + ".door", a.door()) && !doorIds.contains(a.door())) {
      err(path + ".door", "no door '" + a.door() + "' in doors");
    }
    present(path + ".direction", a.direction());
    range(path + ".ratePerHour", a.ratePerHour(), 0.01, 10_000);
    atLeast(path + ".fromS", a.fromS(), 0);
    if (a.untilS() != null && a.untilS() < a.fromS()) {
      err(path + ".untilS", "expected at least fromS (" + a.fromS() + "), got " + a.untilS());
    }
    if (a.lots().isEmpty()) {
      err(path + ".lots", "expected at least one lot id");
    }
    for (int i = 0; i < a.lots().size(); i++) {
      lotRef(path + ".lots[" + i + "]", a.lots().get(i));
    }
    range(path + ".casesPerPallet", a.casesPerPallet() == null ? null : a.casesPerPallet().doubleValue(), 1,
        MAX_CASES_PER_GROUP);
    if (text(path + ".companyPrefix", a.companyPrefix()) && !a.companyPrefix().matches("[0-9]{6,11}")) {
      err(path + ".companyPrefix", "expected 6..11 digits (room is left for a serial), got \""
          + a.companyPrefix() + "\"");
    }
    if (a.lanes().isEmpty()) {
      err(path + ".lanes", "expected at least one staging lane id");
    }
    for (int i = 0; i < a.lanes().size(); i++) {
      if (!laneIds.contains(a.lanes().get(i))) {
        err(path + ".lanes[" + i + "]", "no lane '" + a.lanes().get(i) + "' in stagingLanes");
      }
    }
    if (a.bins().isEmpty()) {
      err(path + ".bins", "expected at least one bin id");
    }
    for (int i = 0; i < a.bins().size(); i++) {
      if (!binIds.contains(a.bins().get(i))) {
        err(path + ".bins[" + i + "]", "no bin '" + a.bins().get(i) + "' in zones[].bins");
      }
    }
  }

  private void lotRef(String path, String lot) {
    if (text(path, lot) && !lotIds.contains(lot)) {
      err(path, "no lot '" + lot + "' in lots");
    }
  }

  private void insideWarehouse(String path, Point p) {
    if (present(path, p) && p.y() <= 0) {
      err(path + ".y", "expected the warehouse side (y > 0), got " + p.y());
    }
  }

  private boolean text(String path, String value) {
    if (value == null || value.isBlank()) {
      err(path, "required, expected a non-empty string");
      return false;
    }
    return true;
  }

  private boolean present(String path, Object value) {
    if (value == null) {
      err(path, "required");
      return false;
    }
    return true;
  }

  private void positive(String path, Double value) {
    if (present(path, value) && !(value > 0)) {
      err(path, "expected a positive number, got " + value);
    }
  }

  private void atLeast(String path, Double value, double min) {
    if (present(path, value) && !(value >= min)) {
      err(path, "expected at least " + min + ", got " + value);
    }
  }

  private void range(String path, Double value, double min, double max) {
    if (present(path, value) && !(value >= min && value <= max)) {
      err(path, "expected " + min + ".." + max + ", got " + value);
    }
  }

  private void err(String path, String message) {
    errors.add(new ScenarioError(path, message));
  }
}
