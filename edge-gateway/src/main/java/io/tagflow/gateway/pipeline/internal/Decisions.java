package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.DecisionListener;
import io.tagflow.gateway.pipeline.LocationDecision;
import io.tagflow.gateway.pipeline.MovedTag;
import io.tagflow.gateway.pipeline.MovementDecision;
import io.tagflow.gateway.pipeline.StagedDecision;
import io.tagflow.protocol.epc.Sscc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the stages' internal candidates into the public decision records and delivers them to the
 * {@link DecisionListener}. This is the only place that decodes EPCs to strings and builds lists:
 * the cost is paid per decision, not per read. A listener that throws is counted and logged (the
 * first time and every 1000th after), and the pipeline carries on.
 */
public final class Decisions {
  private static final Logger LOG = LoggerFactory.getLogger(Decisions.class);

  private final DecisionListener listener;
  private final ReadPoints readPoints;
  long listenerFailures;

  public Decisions(DecisionListener listener, ReadPoints readPoints) {
    this.listener = listener;
    this.readPoints = readPoints;
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  void staged(Crossing c, long nowMicros) {
    TagTrack t = c.track();
    deliver(() -> listener.onTagStaged(new StagedDecision(t.epc().toHex(), t.identity().uri(),
        readPoints.doorName(c.door()), c.side(), c.reason(), instant(c.firstReadMicros()),
        instant(nowMicros))));
  }

  void location(TagTrack t, int bin, int from, double confidence, long nowMicros) {
    deliver(() -> listener.onLocationChanged(new LocationDecision(t.epc().toHex(),
        t.identity().uri(), readPoints.zoneName(bin), from < 0 ? null : readPoints.zoneName(from),
        instant(nowMicros), confidence)));
  }

  void movement(OpenMovement m, long nowMicros) {
    List<MovedTag> tags = new ArrayList<>(m.crossings.size());
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    double confidence = 0;
    int agree = 0;
    int outsideReads = 0;
    int insideReads = 0;
    double[] gaps = new double[m.crossings.size()];
    double[] trends = new double[m.crossings.size()];
    for (int i = 0; i < m.crossings.size(); i++) {
      Crossing c = m.crossings.get(i);
      TagTrack t = c.track();
      tags.add(new MovedTag(t.epc().toHex(), t.identity().uri(), instant(c.firstReadMicros()),
          instant(c.lastReadMicros()), c.reads(), c.peakRssi(), c.confidence()));
      start = Math.min(start, c.firstReadMicros());
      end = Math.max(end, c.lastReadMicros());
      confidence += c.confidence();
      agree += c.transitionAgrees() ? 1 : 0;
      gaps[i] = Math.abs(c.gapMillis());
      trends[i] = c.trendDb();
      outsideReads += c.outsideReads();
      insideReads += c.insideReads();
    }
    java.util.Arrays.sort(gaps);
    java.util.Arrays.sort(trends);
    String arbitration = m.overruledDoor < 0 ? null : String.format(Locale.ROOT,
        "door %s also judged %d of these tags crossing; they came %.1f dB closer to both sides here",
        readPoints.doorName(m.overruledDoor), m.overruledTags, m.overruledMarginDb);
    int n = tags.size();
    String evidence = String.format(Locale.ROOT,
        "%d tag(s) %s door %s over %.1f s; median centroid gap %.0f ms; threshold transitions "
            + "agree for %d/%d%s", n, m.direction, readPoints.doorName(m.door), (end - start) / 1e6,
        gaps[n / 2], agree, n, m.pallet != null ? "; pallet SSCC seen" : "; no pallet SSCC");
    String sscc = m.pallet != null && m.pallet.track().identity() instanceof Sscc s ? s.sscc() : null;
    MovementDecision decision = new MovementDecision(readPoints.doorName(m.door), m.direction,
        confidence / n, instant(start), instant(end), sscc, tags, outsideReads, insideReads,
        trends[n / 2], arbitration, evidence);
    deliver(() -> listener.onMovement(decision));
  }

  private void deliver(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      listenerFailures++;
      if (listenerFailures == 1 || listenerFailures % 1000 == 0) {
        LOG.warn("decision listener failed ({} failures so far); decision dropped",
            listenerFailures, e);
      }
    }
  }

  /** Decisions lost because the listener threw. */
  public long listenerFailures() {
    return listenerFailures;
  }
}
