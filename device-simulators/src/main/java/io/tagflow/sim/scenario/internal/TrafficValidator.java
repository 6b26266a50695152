package io.tagflow.sim.scenario.internal;

import io.tagflow.sim.scenario.Arrivals;
import io.tagflow.sim.scenario.Bin;
import io.tagflow.sim.scenario.Flow;
import io.tagflow.sim.scenario.Point;
import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.scenario.Zone;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks a scenario's traffic (flows and random arrivals) against its layout and goods: waypoints
 * resolve, paths cross the dock wall only through doors, a pallet's flows follow each other, declared
 * pallets fit their bins.
 */
final class TrafficValidator {
  /** The ids the layout and goods declared. */
  record Ids(Set<String> doors, Set<String> lanes, Set<String> bins, Set<String> lots, Set<String> pallets) {
  }

  private static final int MAX_CASES_PER_GROUP = 2000;

  private final Scenario s;
  private final Checks c;
  private final Ids ids;

  TrafficValidator(Scenario s, Checks c, Ids ids) {
    this.s = s;
    this.c = c;
    this.ids = ids;
  }

  void run() {
    flows();
    for (int i = 0; i < s.arrivals().size(); i++) {
      arrivals("arrivals[" + i + "]", s.arrivals().get(i));
    }
  }

  private void flows() {
    Places places = new Places(s);
    Map<String, Integer> binUse = new HashMap<>();
    Map<String, Flow> lastFlow = new HashMap<>();
    for (int i = 0; i < s.flows().size(); i++) {
      Flow f = s.flows().get(i);
      String path = "flows[" + i + "]";
      if (c.text(path + ".pallet", f.pallet()) && !ids.pallets().contains(f.pallet())) {
        c.err(path + ".pallet", "no pallet '" + f.pallet() + "' in pallets");
      }
      c.atLeast(path + ".atS", f.atS(), 0);
      if (f.dwellS() != null) {
        c.atLeast(path + ".dwellS", f.dwellS(), 0);
      }
      if (f.path().isEmpty()) {
        c.err(path + ".path", "expected one or more waypoints (trailer:D, door:D, lane:L, bin:B)");
        continue;
      }
      Places.Place prev = null;
      for (int w = 0; w < f.path().size(); w++) {
        String wp = path + ".path[" + w + "]";
        Places.Place p = places.resolve(f.path().get(w));
        if (p == null) {
          c.err(wp, "unknown waypoint '" + f.path().get(w) + "' (expected trailer:D, door:D, lane:L or bin:B"
              + " naming a declared door, lane or bin)");
          prev = null;
          continue;
        }
        if (p.kind() == Places.Kind.TRAILER && w != 0 && w != f.path().size() - 1) {
          c.err(wp, "a trailer can only be the first or the last waypoint");
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
          c.err(path + ".atS", "flows of pallet '" + f.pallet() + "' must be listed in time order");
        } else if (end != null && !end.equals(f.path().get(0))) {
          c.err(path + ".path[0]", "pallet '" + f.pallet() + "' is at " + end + " after its previous flow");
        }
      }
    }
    for (Zone z : s.zones()) {
      for (Bin b : z.bins()) {
        int used = binUse.getOrDefault(b.id(), 0);
        if (b.id() != null && used > b.capacity()) {
          c.err("flows", used + " pallets end in bin '" + b.id() + "' but its capacity is " + b.capacity());
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
        c.err(path, "the way from " + from.name() + " to " + to.name() + " crosses the dock wall at x="
            + Math.round(x * 100) / 100.0 + ", outside every door (add a door:D waypoint)");
      }
    }
  }

  private void arrivals(String path, Arrivals a) {
    if (c.text(path + ".door", a.door()) && !ids.doors().contains(a.door())) {
      c.err(path + ".door", "no door '" + a.door() + "' in doors");
    }
    c.present(path + ".direction", a.direction());
    c.range(path + ".ratePerHour", a.ratePerHour(), 0.01, 10_000);
    c.atLeast(path + ".fromS", a.fromS(), 0);
    if (a.untilS() != null && a.untilS() < a.fromS()) {
      c.err(path + ".untilS", "expected at least fromS (" + a.fromS() + "), got " + a.untilS());
    }
    if (a.lots().isEmpty()) {
      c.err(path + ".lots", "expected at least one lot id");
    }
    for (int i = 0; i < a.lots().size(); i++) {
      c.ref(path + ".lots[" + i + "]", a.lots().get(i), ids.lots(), "lot", "lots");
    }
    c.range(path + ".casesPerPallet", a.casesPerPallet() == null ? null : a.casesPerPallet().doubleValue(), 1,
        MAX_CASES_PER_GROUP);
    if (c.text(path + ".companyPrefix", a.companyPrefix()) && !a.companyPrefix().matches("[0-9]{6,11}")) {
      c.err(path + ".companyPrefix", "expected 6..11 digits (room is left for a serial), got \""
          + a.companyPrefix() + "\"");
    }
    if (a.lanes().isEmpty()) {
      c.err(path + ".lanes", "expected at least one staging lane id");
    }
    for (int i = 0; i < a.lanes().size(); i++) {
      if (!ids.lanes().contains(a.lanes().get(i))) {
        c.err(path + ".lanes[" + i + "]", "no lane '" + a.lanes().get(i) + "' in stagingLanes");
      }
    }
    if (a.bins().isEmpty()) {
      c.err(path + ".bins", "expected at least one bin id");
    }
    for (int i = 0; i < a.bins().size(); i++) {
      if (!ids.bins().contains(a.bins().get(i))) {
        c.err(path + ".bins[" + i + "]", "no bin '" + a.bins().get(i) + "' in zones[].bins");
      }
    }
  }
}
