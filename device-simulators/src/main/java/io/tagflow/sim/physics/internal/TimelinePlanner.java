package io.tagflow.sim.physics.internal;

import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.EpcEncoder;
import io.tagflow.protocol.epc.Sscc;
import io.tagflow.protocol.event.Direction;
import io.tagflow.sim.scenario.Arrivals;
import io.tagflow.sim.scenario.CaseGroup;
import io.tagflow.sim.scenario.Flow;
import io.tagflow.sim.scenario.Lot;
import io.tagflow.sim.scenario.Pallet;
import io.tagflow.sim.scenario.Point;
import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.scenario.StrayTag;
import io.tagflow.sim.scenario.internal.GtinParts;
import io.tagflow.sim.scenario.internal.Places;
import io.tagflow.sim.scenario.internal.Places.Kind;
import io.tagflow.sim.scenario.internal.Places.Place;
import io.tagflow.sim.truth.BinPlacement;
import io.tagflow.sim.truth.DoorCrossing;
import io.tagflow.sim.truth.GroundTruth;
import io.tagflow.sim.truth.TruthEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Turns a validated scenario into moving pallets, their tags and the ground truth, once, before any
 * reader runs. Everything random here draws from the two generators it is given, in a fixed order,
 * so a seed fixes the whole plan.
 *
 * <p>Door crossings are found, not declared: wherever a pallet's path changes side of the dock wall
 * ({@code y = 0}) the crossing time is where the path meets the wall, and the door is the one whose
 * opening holds that point.
 */
public final class TimelinePlanner {
  /** Case edge, metres: a pallet of cases is a cube of cases on a 1.2 x 0.8 m pallet, roughly. */
  static final double CASE_M = 0.4;
  /** SGTIN filter 2: full case for transport (TDS §10.1 Table 10-1). */
  static final int CASE_FILTER = 2;
  /** SSCC filter 0: all others (TDS §10.2 Table 10-2). */
  static final int SSCC_FILTER = 0;

  private final Scenario s;
  private final Places places;
  private final SplittableRandom trafficRng;
  private final SplittableRandom tagRng;
  private final TagTable tags = new TagTable();
  private final List<PlannedPallet> pallets = new ArrayList<>();
  private final List<TruthEvent> truth = new ArrayList<>();
  private final Map<String, Lot> lots = new HashMap<>();
  private final Map<String, Long> nextSerial = new HashMap<>();
  private final Set<String> ssccs = new HashSet<>();

  public TimelinePlanner(Scenario scenario, SplittableRandom trafficRng, SplittableRandom tagRng) {
    this.s = scenario;
    this.places = new Places(scenario);
    this.trafficRng = trafficRng;
    this.tagRng = tagRng;
    for (Lot l : scenario.lots()) {
      lots.put(l.id(), l);
      nextSerial.put(l.id(), l.firstSerial());
    }
  }

  /** The plan: pallets and stray tags with their tracks, the tag table, the truth. */
  public record Plan(List<PlannedPallet> pallets, TagTable tags, GroundTruth truth) {
  }

  public Plan plan() {
    Map<String, List<Flow>> flowsByPallet = new LinkedHashMap<>();
    for (Flow f : s.flows()) {
      flowsByPallet.computeIfAbsent(f.pallet(), k -> new ArrayList<>()).add(f);
    }
    for (Pallet p : s.pallets()) {
      ssccs.add(new Sscc(SSCC_FILTER, p.companyPrefix(), p.serialReference()).sscc());
    }
    for (Pallet p : s.pallets()) {
      List<Flow> flows = flowsByPallet.get(p.id());
      if (flows == null) {
        continue;
      }
      List<String> caseLots = new ArrayList<>();
      for (CaseGroup g : p.cases()) {
        for (int i = 0; i < g.count(); i++) {
          caseLots.add(g.lot());
        }
      }
      addPallet(p.id(), new Sscc(SSCC_FILTER, p.companyPrefix(), p.serialReference()), caseLots, flows);
    }
    long generated = 0;
    for (Arrivals a : s.arrivals()) {
      generated = arrivals(a, generated);
    }
    for (int i = 0; i < s.strayTags().size(); i++) {
      StrayTag t = s.strayTags().get(i);
      Epc96 epc = Epc96.fromHex(t.epc());
      int idx = tags.add(epc.high(), epc.low(), 0, 0, 0, tagRng.nextDouble() * s.physics().orientationSpreadDb());
      Point p = t.position();
      pallets.add(new PlannedPallet("stray-" + i, null, List.of(), Track.fixed(p.x(), p.y(), p.z()), idx, idx + 1));
    }
    return new Plan(List.copyOf(pallets), tags, new GroundTruth(truth));
  }

  private long arrivals(Arrivals a, long counter) {
    double until = a.untilS() == null ? s.durationS() : a.untilS();
    double meanGapS = 3600.0 / a.ratePerHour();
    double t = a.fromS();
    int serialDigits = 16 - a.companyPrefix().length();
    while (true) {
      t += -Math.log(1 - trafficRng.nextDouble()) * meanGapS;
      if (t > until) {
        return counter;
      }
      String serialRef;
      do {
        counter++;
        serialRef = "9" + String.format("%0" + serialDigits + "d", counter);
      } while (!ssccs.add(new Sscc(SSCC_FILTER, a.companyPrefix(), serialRef).sscc()));
      String lot = a.lots().get(trafficRng.nextInt(a.lots().size()));
      String lane = "lane:" + a.lanes().get(trafficRng.nextInt(a.lanes().size()));
      String bin = "bin:" + a.bins().get(trafficRng.nextInt(a.bins().size()));
      String trailer = "trailer:" + a.door();
      String door = "door:" + a.door();
      List<String> path = a.direction() == Direction.IN
          ? List.of(trailer, door, lane, bin) : List.of(bin, lane, door, trailer);
      String id = a.door() + "-" + a.direction().json() + "-" + counter;
      List<String> caseLots = new ArrayList<>();
      for (int i = 0; i < a.casesPerPallet(); i++) {
        caseLots.add(lot);
      }
      addPallet(id, new Sscc(SSCC_FILTER, a.companyPrefix(), serialRef), caseLots,
          List.of(new Flow(id, t, path, null)));
    }
  }

  private void addPallet(String id, Sscc sscc, List<String> caseLots, List<Flow> flows) {
    int start = tags.size();
    List<String> epcs = new ArrayList<>();
    int k = (int) Math.ceil(Math.cbrt(caseLots.size()));
    double half = k * CASE_M / 2;
    // The SSCC label sits on one face at mid height, outermost: no occlusion.
    Epc96 label = EpcEncoder.sscc96(SSCC_FILTER, sscc.companyPrefix(), sscc.serialReference());
    tags.add(label.high(), label.low(), 0, -half - 0.01, half, orientationLoss());
    epcs.add(label.toHex());
    int top = (caseLots.size() - 1) / (k * k);
    for (int i = 0; i < caseLots.size(); i++) {
      Lot lot = lots.get(caseLots.get(i));
      long serial = nextSerial.merge(lot.id(), 1L, Long::sum) - 1;
      Epc96 epc = EpcEncoder.sgtin96(CASE_FILTER, lot.companyPrefix(),
          GtinParts.itemReference(lot.gtin(), lot.companyPrefix()), serial);
      int a = i % k;
      int b = (i / k) % k;
      int c = i / (k * k);
      // Layers of cases between this case and the nearest side or the top; the pallet deck is below.
      int depth = Math.min(Math.min(Math.min(a, k - 1 - a), Math.min(b, k - 1 - b)), top - c);
      tags.add(epc.high(), epc.low(), (a + 0.5) * CASE_M - half, (b + 0.5) * CASE_M - half,
          (c + 0.5) * CASE_M + 0.15, orientationLoss() + depth * s.physics().innerCaseLossDb());
      epcs.add(epc.toHex());
    }
    List<String> distinctLots = caseLots.stream().distinct().toList();
    Track track = track(id, sscc.sscc(), distinctLots, epcs, flows);
    pallets.add(new PlannedPallet(id, sscc.sscc(), distinctLots, track, start, tags.size()));
  }

  private double orientationLoss() {
    return tagRng.nextDouble() * s.physics().orientationSpreadDb();
  }

  private Track track(String id, String sscc, List<String> lotIds, List<String> epcs, List<Flow> flows) {
    double speed = s.forklift().speedMps();
    List<Long> times = new ArrayList<>();
    List<Point> points = new ArrayList<>();
    Place first = places.resolve(flows.get(0).path().get(0));
    long t = first.kind() == Kind.TRAILER ? micros(flows.get(0).atS()) : 0;
    long from = t;
    long until = Long.MAX_VALUE;
    if (first.kind() == Kind.BIN) {
      truth.add(new BinPlacement(at(t), t, id, sscc, lotIds, first.id(), epcs));
    }
    Point cur = first.position();
    add(times, points, t, cur);
    for (Flow f : flows) {
      long start = Math.max(micros(f.atS()), t);
      if (start > t) {
        add(times, points, start, cur);
      }
      t = start;
      double dwell = f.dwellS() == null ? s.forklift().dwellS() : f.dwellS();
      int n = f.path().size();
      for (int w = 1; w < n; w++) {
        Place p = places.resolve(f.path().get(w));
        t += Math.round(distance(cur, p.position()) / speed * 1e6);
        cur = p.position();
        add(times, points, t, cur);
        boolean last = w == n - 1;
        if (!last && (p.kind() == Kind.LANE || p.kind() == Kind.BIN)) {
          t += micros(dwell);
          add(times, points, t, cur);
        }
        if (last && p.kind() == Kind.BIN) {
          truth.add(new BinPlacement(at(t), t, id, sscc, lotIds, p.id(), epcs));
        }
        until = last && p.kind() == Kind.TRAILER ? t + micros(dwell) : Long.MAX_VALUE;
      }
    }
    long[] ts = new long[times.size()];
    double[] xs = new double[ts.length];
    double[] ys = new double[ts.length];
    double[] zs = new double[ts.length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = times.get(i);
      xs[i] = points.get(i).x();
      ys[i] = points.get(i).y();
      zs[i] = points.get(i).z();
    }
    Track track = new Track(ts, xs, ys, zs, from, until);
    crossings(track, id, sscc, lotIds, epcs);
    return track;
  }

  private void crossings(Track track, String id, String sscc, List<String> lotIds, List<String> epcs) {
    int lastSign = 0;
    int lastIdx = -1;
    for (int i = 0; i < track.size(); i++) {
      int sign = (int) Math.signum(track.y(i));
      if (sign == 0) {
        continue;
      }
      if (lastSign != 0 && sign != lastSign) {
        long t;
        double x;
        int onWall = -1;
        for (int j = lastIdx + 1; j < i && onWall < 0; j++) {
          onWall = track.y(j) == 0 ? j : -1;
        }
        if (onWall >= 0) {
          t = track.time(onWall);
          x = track.x(onWall);
        } else {
          double f = -track.y(lastIdx) / (track.y(i) - track.y(lastIdx));
          t = track.time(lastIdx) + Math.round(f * (track.time(i) - track.time(lastIdx)));
          x = track.x(lastIdx) + f * (track.x(i) - track.x(lastIdx));
        }
        var door = places.doorAt(x);
        truth.add(new DoorCrossing(at(t), t, id, sscc, lotIds, door == null ? "?" : door.id(),
            lastSign < 0 ? Direction.IN : Direction.OUT, epcs));
      }
      lastSign = sign;
      lastIdx = i;
    }
  }

  private static void add(List<Long> times, List<Point> points, long t, Point p) {
    times.add(t);
    points.add(p);
  }

  private static double distance(Point a, Point b) {
    double dx = a.x() - b.x();
    double dy = a.y() - b.y();
    double dz = a.z() - b.z();
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }

  private static long micros(double seconds) {
    return Math.round(seconds * 1e6);
  }

  private Instant at(long micros) {
    return s.start().plusNanos(micros * 1000);
  }
}
