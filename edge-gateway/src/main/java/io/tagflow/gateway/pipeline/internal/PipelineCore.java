package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.DecisionListener;
import io.tagflow.gateway.pipeline.EpcPattern;
import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.protocol.llrp.TagField;
import io.tagflow.protocol.llrp.TagReportBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stages wired together, top to bottom: admission, smoothing, portal (with its judge), zone,
 * grouping, arbitration, and the decision emitter. Reads flow through the stages' {@code
 * onRead} in that order; ticks run every stage's per-tag checks (for the tags that need them), then
 * their stage-wide work, then forget tags no stage holds that were inactive for {@code tagRetention}.
 *
 * <p>Steady state allocates nothing per read: the context is reused, tag state is looked up in a
 * primitive-keyed table, and stages keep running sums. Allocation happens when a tag is first seen
 * (its {@link TagTrack}) and when something is decided.
 */
public final class PipelineCore {
  private final ReadPoints readPoints;
  private final TagTable table;
  private final ReadContext ctx = new ReadContext();
  private final TickSchedule schedule = new TickSchedule();
  private final DueTags due = new DueTags();
  private long ticks;
  private final AdmissionStage admission;
  private final SmoothingStage smoothing;
  private final PortalStage portal;
  private final ZoneStage zone;
  private final FilterStage[] stages;
  private final ArbitrationStage arbitration;
  private final GroupingStage grouping;
  private final Decisions decisions;
  private final int ring;
  private final long retentionMicros;
  private long tableFull;
  private long unsupportedEpc;
  private long missingRssi;

  public PipelineCore(ReadPoints readPoints, FilterSettings s, List<EpcPattern> include,
                      List<EpcPattern> exclude, DecisionListener listener) {
    this.readPoints = readPoints;
    this.table = new TagTable(s.maxTags());
    this.ring = s.arrivalReads();
    this.retentionMicros = micros(s.tagRetention());
    this.decisions = new Decisions(listener, readPoints);
    this.admission = new AdmissionStage(s.minRssiDbm(), include, exclude);
    this.smoothing = new SmoothingStage(s.arrivalReads(), micros(s.arrivalWindow()),
        s.strongReadRssiDbm(), micros(s.absenceTimeout()));
    boolean early = !s.crossingSettle().isZero();
    this.arbitration = new ArbitrationStage(micros(s.arbitrationWindow()), micros(s.groupGap()),
        s.arbitrationHysteresisDb(), s.strongReadRssiDbm(), early, decisions::movement);
    this.grouping = new GroupingStage(micros(s.groupGap()), micros(s.quietGap()),
        micros(s.arbitrationWindow()), s.arbitrationHysteresisDb(), s.strongReadRssiDbm(), early,
        arbitration);
    PassageJudge judge = new PassageJudge(s.presenceRssiDbm(), s.minSideReads(),
        micros(s.minCentroidGap()), s.minSeparation(), s.minConfidence());
    this.portal = new PortalStage(readPoints, judge, this::candidate,
        s.presenceRssiDbm(), s.hysteresisDb(), micros(s.holdOff()),
        s.hysteresisDecayDbPerSecond(), micros(s.rssiSmoothing()), micros(s.dwellLimit()),
        micros(s.crossingSettle()));
    this.zone = new ZoneStage(readPoints, s.zoneMarginDb(), micros(s.zoneHoldOff()),
        micros(s.zoneSmoothing()), decisions::location);
    this.stages = new FilterStage[] {admission, smoothing, portal, zone, grouping, arbitration};
  }

  /**
   * A portal decision: crossings go on to grouping, stagings are reported at once unless another
   * door heard the tag more strongly.
   */
  private void candidate(Crossing c, long nowMicros) {
    if (c.isCrossing()) {
      grouping.accept(c, nowMicros);
    } else if (!arbitration.stagedElsewhere(c, nowMicros)) {
      decisions.staged(c, nowMicros);
    }
  }

  /** Decides every movement still being grouped (gateway shutdown); passages in progress are not judged. */
  public void flush(long nowMicros) {
    grouping.flush(nowMicros);
  }

  static long micros(java.time.Duration d) {
    return d.toNanos() / 1000;
  }

  /** One read. {@code ports} is the reader's antenna table (null: reader unknown). */
  public void read(ReadPoints.Ports ports, int antennaId, long epcHigh, int epcLow, double rssiDbm,
                   long readMicros, long nowMicros) {
    ReadContext c = ctx;
    c.epcHigh = epcHigh;
    c.epcLow = epcLow;
    c.readPoint = ports == null ? -1 : ports.readPoint(antennaId);
    c.antennaMinRssi = c.readPoint < 0 ? Double.NaN : ports.minRssi(antennaId);
    c.rssiDbm = rssiDbm;
    c.readMicros = readMicros;
    c.nowMicros = nowMicros;
    c.track = null;
    if (!admission.onRead(c)) {
      return;
    }
    TagTrack t = table.get(epcHigh, epcLow);
    if (t == null) {
      t = new TagTrack(epcHigh, epcLow, readPoints.count(), ring, readPoints.doorCount(),
          readPoints.zoneCount());
      if (!table.put(t)) {
        tableFull++;
        return;
      }
      t.readSinceTick = true;
      due.add(t);
    }
    c.track = t;
    c.tickNeeded = false;
    // The stages after admission, in the order of {@link #stages}, called directly (each call site
    // sees one class, so the calls are inlined): each passes the read on or stops it.
    if (smoothing.onRead(c) && portal.onRead(c) && zone.onRead(c) && grouping.onRead(c)) {
      arbitration.onRead(c);
    }
    if (c.tickNeeded) {
      t.readSinceTick = true;
      due.add(t);
    }
  }

  /**
   * Every tag of one RO_ACCESS_REPORT. Tags whose EPC is not 96 bits or that carry no PeakRSSI are
   * skipped and counted; the read time is LastSeenTimestampUTC, else FirstSeenTimestampUTC, else
   * the gateway clock.
   */
  public void batch(ReadPoints.Ports ports, TagReportBatch batch, long nowMicros) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      if (batch.epcBitLength(i) != 96) {
        unsupportedEpc++;
        continue;
      }
      long rssi = batch.valueOr(i, TagField.PEAK_RSSI, Long.MIN_VALUE);
      if (rssi == Long.MIN_VALUE) {
        missingRssi++;
        continue;
      }
      long at = batch.valueOr(i, TagField.LAST_SEEN_TIMESTAMP_UTC,
          batch.valueOr(i, TagField.FIRST_SEEN_TIMESTAMP_UTC, nowMicros));
      read(ports, (int) batch.valueOr(i, TagField.ANTENNA_ID, 0), batch.epcWord(i, 0),
          (int) (batch.epcWord(i, 1) >>> 32), rssi, at, nowMicros);
    }
  }

  /**
   * Time-driven work: departures, passage ends, releases, bin changes, movement closes, forgetting.
   *
   * <p>Only the tags that need it are ticked: new tags, tags whose reads since the last tick asked
   * for it ({@link ReadContext#tickNeeded}) and tags whose earliest stage deadline ({@link FilterStage#nextTickMicros}, or {@code tagRetention} after
   * their last read when no stage holds them) has come; see {@link TickSchedule}. Skipping the other
   * tags changes nothing, since their tick work would be a no-op. (Sweeping every tracked tag cost
   * more than all the reads of a 1,000-reader gateway.)
   */
  public void tick(long nowMicros) {
    schedule.takeDue(nowMicros, due);
    TagTrack[] tags = due.tags;
    int n = due.size;
    for (int i = 0; i < n; i++) {
      TagTrack t = tags[i];
      boolean shortTick = shortTick(t, nowMicros);
      t.readSinceTick = false;
      if (shortTick) {
        for (int s = 0; s < stages.length; s++) {
          if ((t.everyTickStages & (1 << s)) != 0) {
            stages[s].onTick(t, nowMicros);
          }
        }
        // asked now, while the tag is in the cache: after afterTick it would be loaded again
        if (stillEveryTick(t)) {
          schedule.prepareEveryTick(t);
          due.everyTick[i] = true;
        }
      } else {
        for (FilterStage stage : stages) {
          stage.onTick(t, nowMicros);
        }
      }
    }
    for (FilterStage stage : stages) {
      stage.afterTick(nowMicros);
    }
    for (int i = 0; i < n; i++) {
      TagTrack t = tags[i];
      tags[i] = null;
      if (due.everyTick[i]) {
        due.everyTick[i] = false;
        schedule.placeEveryTick(t); // without loading the tag again
      } else {
        reschedule(t, nowMicros);
      }
    }
    due.size = 0;
    ticks++;
  }

  /**
   * True when only the stages that asked for every tick have work for the tag: it was not read
   * (in a way that asked for a tick) since the last tick, the other stages' earliest deadline has
   * not come, and one of them holds the tag. The other stages' {@code onTick} would be no-ops (the
   * {@link FilterStage#nextTickMicros} contract), so they are skipped; the visit order, and so
   * every decision, is the same as with every stage ticked. (A tag passing a door is visited on every
   * tick for grouping; its smoothing, portal and zone deadlines are seconds away.)
   */
  private static boolean shortTick(TagTrack t, long nowMicros) {
    return !t.readSinceTick && t.everyTickStages != 0 && t.heldByOthers
        && nowMicros < t.othersWakeMicros;
  }

  /**
   * After a short tick: true when the every-tick stages still ask for every tick. Asked before
   * {@code afterTick} (see {@link FilterStage#nextTickMicros}).
   */
  private boolean stillEveryTick(TagTrack t) {
    for (int s = 0; s < stages.length; s++) {
      if ((t.everyTickStages & (1 << s)) != 0 && stages[s].nextTickMicros(t) != Long.MIN_VALUE) {
        return false;
      }
    }
    return true;
  }

  /**
   * Asks every stage when the tag next needs a tick and whether it holds it; forgets it when no
   * stage holds it and it was inactive for {@code tagRetention}, else schedules it. Remembers which
   * stages asked for every tick and the others' earliest deadline, for {@link #shortTick}.
   */
  private void reschedule(TagTrack t, long nowMicros) {
    long wake = Long.MAX_VALUE;
    long othersWake = Long.MAX_VALUE;
    int everyTick = 0;
    boolean held = false;
    boolean heldByOthers = false;
    for (int s = 0; s < stages.length; s++) {
      FilterStage stage = stages[s];
      long w = stage.nextTickMicros(t);
      boolean h = stage.holds(t);
      wake = Math.min(wake, w);
      held |= h;
      if (w == Long.MIN_VALUE) {
        everyTick |= 1 << s;
      } else {
        othersWake = Math.min(othersWake, w);
        heldByOthers |= h;
      }
    }
    if (!held) {
      if (nowMicros - t.lastActivityMicros > retentionMicros) {
        schedule.cancel(t);
        table.remove(t);
        return;
      }
      long forget = t.lastActivityMicros + retentionMicros + 1;
      wake = Math.min(wake, forget);
      othersWake = Math.min(othersWake, forget);
    }
    t.everyTickStages = (byte) everyTick;
    t.othersWakeMicros = othersWake;
    t.heldByOthers = heldByOthers;
    schedule.schedule(t, wake);
  }

  /** The tags to tick at the next tick, each once: read since the last tick or due in the schedule. */
  final class DueTags {
    private TagTrack[] tags = new TagTrack[256];
    /** Per due tag: after a short tick, to be scheduled for every tick. */
    private boolean[] everyTick = new boolean[256];
    private int size;

    int size() {
      return size;
    }

    TagTrack get(int i) {
      return tags[i];
    }

    void add(TagTrack t) {
      if (t.dueTick == ticks + 1) {
        return;
      }
      t.dueTick = ticks + 1;
      if (size == tags.length) {
        tags = java.util.Arrays.copyOf(tags, size * 2);
        everyTick = java.util.Arrays.copyOf(everyTick, size * 2);
      }
      tags[size++] = t;
    }
  }

  public List<StageCounters> counters() {
    return java.util.Arrays.stream(stages).map(FilterStage::counters).toList();
  }

  /** Reads and decisions dropped, by reason. */
  public Map<String, Long> drops() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("unmappedAntenna", admission.unmapped());
    m.put("belowMinRssi", admission.weak());
    m.put("epcPattern", admission.filtered());
    m.put("unsupportedEpcLength", unsupportedEpc);
    m.put("missingPeakRssi", missingRssi);
    m.put("tagTableFull", tableFull);
    m.put("overruledByOtherDoor", arbitration.overruled());
    m.put("notThroughPortal", arbitration.farOnly());
    m.put("partOfEmittedMovement", arbitration.remnants());
    m.put("listenerFailures", decisions.listenerFailures());
    return m;
  }

  public int trackedTags() {
    return table.size();
  }
}
