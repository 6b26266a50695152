package io.tagflow.bench;

import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.protocol.epc.Epc96;
import io.tagflow.sim.physics.Scene;
import io.tagflow.sim.scenario.Antenna;
import io.tagflow.sim.scenario.Door;
import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.score.ObservedMovement;
import io.tagflow.sim.score.PipelineRun;
import io.tagflow.sim.score.ScoreReport;
import io.tagflow.sim.truth.DoorCrossing;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./tagflow bench accuracy --explain}: for each movement finding of a scenario (missed, false,
 * wrong door or direction), what the pipeline saw. The scene is run a second time (it is
 * deterministic) with a tap on its reads, keeping the reads of the findings' pallets around each
 * finding; then each finding prints the pallet's true crossings and the other crossings near it, the
 * movement events carrying its tags (door, direction, read span and decision time relative to the
 * crossing, how many of its tags), and per door and side the reads of its tags: tags heard, reads,
 * peak RSSI, and the summed weaker-side peak over the tags heard on both sides (the measure
 * arbitration compares), with a one-second timeline of the pallet's strongest read per side.
 */
final class AccuracyExplain {
  /** Reads kept from this long before a finding's crossing ... */
  private static final long BEFORE_MICROS = 20_000_000;
  /** ... to this long after it. */
  private static final long AFTER_MICROS = 60_000_000;
  /** The timeline printed per door: seconds relative to the crossing. */
  private static final int TIMELINE_FROM_S = -6;
  private static final int TIMELINE_TO_S = 14;
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");

  private record Read(int door, int side, int tag, double rssi, long micros) {
  }

  private record Case(ScoreReport.Finding finding, DoorCrossing crossing) {
  }

  private AccuracyExplain() {
  }

  static void explain(PrintStream out, Scenario scenario, PipelineRun.Result result, ScoreReport report) {
    explain(out, scenario, result, report, tap -> new PipelineRun(Scene.build(scenario), FilterSettings.defaults())
        .run(Math.round(scenario.durationS() * 1e6), t -> { }, tap));
  }

  /** {@link #explain}, with {@code rerun} running the pipeline again on the same reads, each handed to the tap. */
  static void explain(PrintStream out, Scenario scenario, PipelineRun.Result result, ScoreReport report,
                      java.util.function.Consumer<io.tagflow.sim.physics.ReadSink> rerun) {
    Scene scene = Scene.build(scenario);
    long start = micros(scene.start());
    List<Case> cases = new ArrayList<>();
    Map<String, List<String>> epcsOf = new HashMap<>();
    for (DoorCrossing c : result.truth().crossings()) {
      epcsOf.putIfAbsent(c.pallet(), c.epcs());
    }
    for (ScoreReport.Finding f : report.findings()) {
      if (f.kind() == ScoreReport.Kind.WRONG_BIN || f.kind() == ScoreReport.Kind.NO_LOCATION) {
        continue;
      }
      Matcher m = INSTANT.matcher(f.detail());
      long at = m.find() ? micros(java.time.Instant.parse(m.group())) - start : 0;
      DoorCrossing nearest = null;
      for (DoorCrossing c : result.truth().crossings()) {
        if (c.pallet().equals(f.pallet())
            && (nearest == null || Math.abs(c.atMicros() - at) < Math.abs(nearest.atMicros() - at))) {
          nearest = c;
        }
      }
      cases.add(new Case(f, nearest));
    }
    if (cases.isEmpty()) {
      return;
    }
    // The tags to watch, and when.
    Map<Epc96, Integer> tagIndex = new HashMap<>();
    List<String> tagEpc = new ArrayList<>();
    List<long[]> windows = new ArrayList<>();
    for (Case c : cases) {
      if (c.crossing() == null) {
        continue;
      }
      for (String epc : c.crossing().epcs()) {
        Integer i = tagIndex.get(Epc96.fromHex(epc));
        if (i == null) {
          i = tagEpc.size();
          tagIndex.put(Epc96.fromHex(epc), i);
          tagEpc.add(epc);
          windows.add(new long[0]);
        }
        long[] w = windows.get(i);
        long[] more = java.util.Arrays.copyOf(w, w.length + 2);
        more[w.length] = c.crossing().atMicros() - BEFORE_MICROS;
        more[w.length + 1] = c.crossing().atMicros() + AFTER_MICROS;
        windows.set(i, more);
      }
    }
    Map<Long, int[]> doorSide = doorSides(scenario);
    List<String> doorIds = scenario.doors().stream().map(Door::id).toList();
    List<Read> reads = new ArrayList<>();
    out.printf(Locale.ROOT, "explain: %s: running the scene again for the reads of %d tags ...%n",
        scenario.name(), tagEpc.size());
    rerun.accept((r, port, hi, lo, rssi, t) -> {
          int[] ds = doorSide.get(((long) r << 32) | port);
          if (ds == null) {
            return;
          }
          Integer tag = tagIndex.get(new Epc96(hi, lo));
          if (tag == null) {
            return;
          }
          long[] w = windows.get(tag);
          for (int k = 0; k < w.length; k += 2) {
            if (t >= w[k] && t <= w[k + 1]) {
              reads.add(new Read(ds[0], ds[1], tag, rssi, t));
              return;
            }
          }
        });
    List<ObservedMovement> events = result.movements().stream().map(ObservedMovement::of).toList();
    for (Case c : cases) {
      out.printf(Locale.ROOT, "%s %s %s%n", c.finding().kind(), c.finding().pallet(), c.finding().detail());
      if (c.crossing() != null) {
        print(out, c.crossing(), result, events, reads, tagIndex, doorIds, start);
      }
    }
  }

  private static void print(PrintStream out, DoorCrossing x, PipelineRun.Result result,
                            List<ObservedMovement> events, List<Read> reads, Map<Epc96, Integer> tagIndex,
                            List<String> doorIds, long start) {
    long t0 = x.atMicros();
    StringBuilder near = new StringBuilder();
    for (DoorCrossing c : result.truth().crossings()) {
      if (c != x && Math.abs(c.atMicros() - t0) <= 30_000_000) {
        near.append(String.format(Locale.ROOT, " %s %s %s %+.1f s;", c.pallet(), c.door(), c.direction(),
            (c.atMicros() - t0) / 1e6));
      }
    }
    out.printf(Locale.ROOT, "  truth: %s %s at %s (t=0), %d tags; crossings within 30 s:%s%n", x.door(),
        x.direction(), x.at(), x.epcs().size(), near.length() == 0 ? " none" : near);
    Set<String> epcs = new HashSet<>(x.epcs());
    for (ObservedMovement m : events) {
      long from = micros(m.startedAt()) - start;
      long to = micros(m.endedAt()) - start;
      if (to < t0 - BEFORE_MICROS || from > t0 + AFTER_MICROS) {
        continue;
      }
      long own = m.epcs().stream().filter(epcs::contains).count();
      if (own == 0) {
        continue;
      }
      out.printf(Locale.ROOT, "  event %s: %s %s reads %+.1f..%+.1f s, decided %+.1f s, %d of its tags + %d"
              + " others, sscc %s%n", m.id().substring(24), m.door(), m.direction(), (from - t0) / 1e6,
          (to - t0) / 1e6, (micros(m.decidedAt()) - start - t0) / 1e6, own, m.epcs().size() - own,
          m.palletSscc() == null ? "-" : x.sscc().equals(m.palletSscc()) ? "own" : "other");
    }
    Set<Integer> tags = new HashSet<>();
    for (String e : x.epcs()) {
      tags.add(tagIndex.get(Epc96.fromHex(e)));
    }
    for (int d = 0; d < doorIds.size(); d++) {
      Map<Integer, double[]> peak = new TreeMap<>(); // tag -> {outside peak, inside peak}
      int[] count = new int[2];
      double[] sidePeak = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
      double[][] timeline = new double[2][TIMELINE_TO_S - TIMELINE_FROM_S + 1];
      for (double[] row : timeline) {
        java.util.Arrays.fill(row, Double.NEGATIVE_INFINITY);
      }
      for (Read r : reads) {
        if (r.door() != d || !tags.contains(r.tag()) || r.micros() < t0 - BEFORE_MICROS
            || r.micros() > t0 + AFTER_MICROS) {
          continue;
        }
        double[] p = peak.computeIfAbsent(r.tag(), k -> new double[] {Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY});
        p[r.side()] = Math.max(p[r.side()], r.rssi());
        count[r.side()]++;
        sidePeak[r.side()] = Math.max(sidePeak[r.side()], r.rssi());
        int s = (int) Math.floorDiv(r.micros() - t0, 1_000_000L) - TIMELINE_FROM_S;
        if (s >= 0 && s < timeline[0].length) {
          timeline[r.side()][s] = Math.max(timeline[r.side()][s], r.rssi());
        }
      }
      if (count[0] + count[1] == 0) {
        continue;
      }
      int both = 0;
      double weakMw = 0;
      for (double[] p : peak.values()) {
        if (p[0] > Double.NEGATIVE_INFINITY && p[1] > Double.NEGATIVE_INFINITY) {
          both++;
          weakMw += Math.pow(10, Math.min(p[0], p[1]) / 10);
        }
      }
      out.printf(Locale.ROOT, "  %s: %d tags; outside %d reads peak %.0f; inside %d reads peak %.0f; both sides"
              + " %d tags, summed weaker-side peak %.1f dBm%n", doorIds.get(d), peak.size(), count[0],
          sidePeak[0], count[1], sidePeak[1], both, both == 0 ? Double.NaN : 10 * Math.log10(weakMw));
      for (int side = 0; side < 2; side++) {
        StringBuilder line = new StringBuilder();
        for (double v : timeline[side]) {
          line.append(v == Double.NEGATIVE_INFINITY ? "   ." : String.format(Locale.ROOT, "%4.0f", v));
        }
        out.printf(Locale.ROOT, "    %s %ds..%ds:%s%n", side == 0 ? "out" : "in ", TIMELINE_FROM_S,
            TIMELINE_TO_S, line);
      }
    }
  }

  /** (reader index << 32 | port) -> {door index, side 0 outside / 1 inside}. */
  private static Map<Long, int[]> doorSides(Scenario scenario) {
    Map<String, Integer> readerIndex = new HashMap<>();
    for (int i = 0; i < scenario.readers().size(); i++) {
      readerIndex.put(scenario.readers().get(i).id(), i);
    }
    Map<Long, int[]> map = new HashMap<>();
    for (int d = 0; d < scenario.doors().size(); d++) {
      for (Antenna a : scenario.doors().get(d).antennas()) {
        map.put(((long) readerIndex.get(a.reader()) << 32) | a.port(),
            new int[] {d, a.side() == io.tagflow.sim.scenario.Side.OUTSIDE ? 0 : 1});
      }
    }
    return map;
  }

  private static long micros(java.time.Instant i) {
    return i.getEpochSecond() * 1_000_000 + i.getNano() / 1_000;
  }
}
