package io.tagflow.sim.score;

import io.tagflow.sim.score.ScoreReport.Finding;
import io.tagflow.sim.score.ScoreReport.Kind;
import io.tagflow.sim.truth.BinPlacement;
import io.tagflow.sim.truth.DoorCrossing;
import io.tagflow.sim.truth.GroundTruth;
import io.tagflow.sim.truth.TruthEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a gateway's events with a scene's ground truth.
 *
 * <p>Movements: each event is attributed to a pallet, by its SSCC when it carries one the truth
 * knows, else to the pallet owning most of its tags (ties: the smallest pallet id). A true crossing
 * and an event match when they are of the same pallet and the crossing time lies within
 * {@code [startedAt - window, endedAt + window]}, whatever the door (so a right movement at the wrong
 * door counts as found, with a wrong door). Pairs are matched one-to-one, closest first (distance from
 * the crossing time to the event's interval, then event order). Direction and door accuracy are over
 * matched pairs; latency is decision time minus crossing time over matched pairs. So a pallet crossing
 * reported twice (two events, or the same passage at two doors) counts once as found and once as a
 * false event, and an event of the right pallet more than the window away from its crossing is false.
 *
 * <p>A scoring horizon (for a run that goes on past the scored time so that late decisions settle):
 * crossings after it take part in matching but are not scored, nor are the events matched to them;
 * an unmatched event is scored only when it started at or before the horizon. Matching itself is the
 * same as without a horizon.
 *
 * <p>Locations: for every placement after time zero, the gateway's answer is the majority bin of the
 * latest location event of each of the pallet's tags from {@code window} before the placement up to
 * the pallet's next placement or crossing; none is a miss.
 *
 * <p>Stateless and thread-safe.
 */
public final class Scorer {
  /** The default match window: a portal decision normally comes within seconds of the crossing. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

  private final Duration window;

  public Scorer(Duration window) {
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must not be negative, got " + window);
    }
    this.window = window;
  }

  public ScoreReport score(GroundTruth truth, ObservedEvents events) {
    return score(truth, events, Instant.MAX);
  }

  /** Scores crossings up to {@code horizon} (inclusive) and the events that belong to them. */
  public ScoreReport score(GroundTruth truth, ObservedEvents events, Instant horizon) {
    Map<String, String> palletOfEpc = new HashMap<>();
    Map<String, String> palletOfSscc = new HashMap<>();
    for (TruthEvent e : truth.events()) {
      e.epcs().forEach(epc -> palletOfEpc.put(epc, e.pallet()));
      palletOfSscc.put(e.sscc(), e.pallet());
    }
    List<DoorCrossing> crossings = truth.crossings();
    List<ObservedMovement> movements = events.movements();
    String[] eventPallet = new String[movements.size()];
    for (int i = 0; i < movements.size(); i++) {
      eventPallet[i] = attribute(movements.get(i), palletOfEpc, palletOfSscc);
    }
    record Pair(int crossing, int event, long distanceNanos) {
    }
    List<Pair> pairs = new ArrayList<>();
    for (int c = 0; c < crossings.size(); c++) {
      DoorCrossing dc = crossings.get(c);
      for (int e = 0; e < movements.size(); e++) {
        ObservedMovement m = movements.get(e);
        if (!dc.pallet().equals(eventPallet[e])) {
          continue;
        }
        Instant lo = m.startedAt().minus(window);
        Instant hi = m.endedAt().plus(window);
        if (dc.at().isBefore(lo) || dc.at().isAfter(hi)) {
          continue;
        }
        long dist = dc.at().isBefore(m.startedAt()) ? Duration.between(dc.at(), m.startedAt()).toNanos()
            : dc.at().isAfter(m.endedAt()) ? Duration.between(m.endedAt(), dc.at()).toNanos() : 0;
        pairs.add(new Pair(c, e, dist));
      }
    }
    pairs.sort(Comparator.comparingLong(Pair::distanceNanos).thenComparingInt(Pair::event)
        .thenComparingInt(Pair::crossing));
    int[] matchOfCrossing = new int[crossings.size()];
    boolean[] eventUsed = new boolean[movements.size()];
    java.util.Arrays.fill(matchOfCrossing, -1);
    for (Pair p : pairs) {
      if (matchOfCrossing[p.crossing()] < 0 && !eventUsed[p.event()]) {
        matchOfCrossing[p.crossing()] = p.event();
        eventUsed[p.event()] = true;
      }
    }
    List<TimedFinding> findings = new ArrayList<>();
    List<Long> latencies = new ArrayList<>();
    int matched = 0;
    int directionOk = 0;
    int doorOk = 0;
    int scoredCrossings = 0;
    boolean[] eventUnscored = new boolean[movements.size()];
    for (int c = 0; c < crossings.size(); c++) {
      DoorCrossing dc = crossings.get(c);
      int e = matchOfCrossing[c];
      if (dc.at().isAfter(horizon)) {
        if (e >= 0) {
          eventUnscored[e] = true;
        }
        continue;
      }
      scoredCrossings++;
      if (e < 0) {
        findings.add(new TimedFinding(dc.at(), new Finding(Kind.MISSED, dc.pallet(), dc.door() + " "
            + dc.direction() + " at " + dc.at() + ": no event with its tags within ±" + window.toSeconds() + " s")));
        continue;
      }
      matched++;
      ObservedMovement m = movements.get(e);
      latencies.add(Duration.between(dc.at(), m.decidedAt()).toNanos());
      if (m.direction() == dc.direction()) {
        directionOk++;
      } else {
        findings.add(new TimedFinding(dc.at(), new Finding(Kind.WRONG_DIRECTION, dc.pallet(), dc.door()
            + " at " + dc.at() + ": event " + m.id() + " says " + m.direction() + ", truth " + dc.direction())));
      }
      if (m.door().equals(dc.door())) {
        doorOk++;
      } else {
        findings.add(new TimedFinding(dc.at(), new Finding(Kind.WRONG_DOOR, dc.pallet(), dc.direction()
            + " at " + dc.at() + ": event " + m.id() + " says door " + m.door() + ", truth " + dc.door())));
      }
    }
    int scoredEvents = 0;
    for (int e = 0; e < movements.size(); e++) {
      boolean scored = eventUsed[e] ? !eventUnscored[e] : !movements.get(e).startedAt().isAfter(horizon);
      scoredEvents += scored ? 1 : 0;
      if (!eventUsed[e] && scored) {
        ObservedMovement m = movements.get(e);
        String who = eventPallet[e] == null ? "(unregistered)" : eventPallet[e];
        String why = eventPallet[e] == null ? "none of its " + m.epcs().size() + " tags is on a pallet"
            : "no unmatched crossing of " + who + " within ±" + window.toSeconds() + " s";
        for (Pair p : pairs) {
          if (p.event() == e && matchOfCrossing[p.crossing()] >= 0) {
            DoorCrossing dc = crossings.get(p.crossing());
            why = "duplicate: " + who + "'s crossing of " + dc.door() + " at " + dc.at() + " is matched to event "
                + movements.get(matchOfCrossing[p.crossing()]).id();
            break;
          }
        }
        findings.add(new TimedFinding(m.startedAt(), new Finding(Kind.FALSE, who, m.door() + " "
            + m.direction() + " " + m.startedAt() + ".." + m.endedAt() + " (event " + m.id() + "): " + why)));
      }
    }
    int[] bins = locations(truth, events, horizon, findings);
    findings.sort(Comparator.comparing(TimedFinding::at));
    latencies.sort(null);
    return new ScoreReport(scoredCrossings, scoredEvents, matched, directionOk, doorOk, bins[0], bins[1],
        percentile(latencies, 50), percentile(latencies, 99), findings.stream().map(TimedFinding::finding).toList());
  }

  private record TimedFinding(Instant at, Finding finding) {
  }

  /** Returns {scored placements, correct}. */
  private int[] locations(GroundTruth truth, ObservedEvents events, Instant horizon, List<TimedFinding> findings) {
    Map<String, List<ObservedLocation>> byEpc = new HashMap<>();
    for (ObservedLocation l : events.locations()) {
      byEpc.computeIfAbsent(l.epc(), k -> new ArrayList<>()).add(l);
    }
    Map<String, List<TruthEvent>> byPallet = new HashMap<>();
    for (TruthEvent e : truth.events()) {
      byPallet.computeIfAbsent(e.pallet(), k -> new ArrayList<>()).add(e);
    }
    int scored = 0;
    int correct = 0;
    for (BinPlacement p : truth.placements()) {
      if (p.atMicros() == 0 || p.at().isAfter(horizon)) {
        continue;
      }
      scored++;
      Instant from = p.at().minus(window);
      Instant until = Instant.MAX;
      for (TruthEvent next : byPallet.get(p.pallet())) {
        if (next.atMicros() > p.atMicros()) {
          until = next.at();
          break;
        }
      }
      Map<String, Integer> votes = new TreeMap<>();
      for (String epc : p.epcs()) {
        ObservedLocation latest = null;
        for (ObservedLocation l : byEpc.getOrDefault(epc, List.of())) {
          if (!l.at().isBefore(from) && l.at().isBefore(until) && (latest == null || l.at().isAfter(latest.at()))) {
            latest = l;
          }
        }
        if (latest != null) {
          votes.merge(latest.bin(), 1, Integer::sum);
        }
      }
      String bin = votes.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
          .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
      if (p.bin().equals(bin)) {
        correct++;
      } else if (bin == null) {
        findings.add(new TimedFinding(p.at(), new Finding(Kind.NO_LOCATION, p.pallet(), "placed in " + p.bin()
            + " at " + p.at() + ": no location event for its tags")));
      } else {
        findings.add(new TimedFinding(p.at(), new Finding(Kind.WRONG_BIN, p.pallet(), "placed in " + p.bin()
            + " at " + p.at() + ": gateway says " + bin + " (" + votes + ")")));
      }
    }
    return new int[] {scored, correct};
  }

  private static String attribute(ObservedMovement m, Map<String, String> palletOfEpc,
                                  Map<String, String> palletOfSscc) {
    if (m.palletSscc() != null && palletOfSscc.containsKey(m.palletSscc())) {
      return palletOfSscc.get(m.palletSscc());
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (String epc : m.epcs()) {
      String p = palletOfEpc.get(epc);
      if (p != null) {
        counts.merge(p, 1, Integer::sum);
      }
    }
    String best = null;
    int most = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > most) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return best;
  }

  /** Nearest-rank percentile of sorted nanosecond values, null when empty. */
  static Duration percentile(List<Long> sorted, int pct) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(pct / 100.0 * sorted.size());
    return Duration.ofNanos(sorted.get(Math.max(0, rank - 1)));
  }
}
