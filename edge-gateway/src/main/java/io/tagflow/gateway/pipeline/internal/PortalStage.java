package io.tagflow.gateway.pipeline.internal;

/**
 * Stage 3, portal crossing: gathers one tag's evidence at one door during one passage and, when the
 * passage ends, hands it to {@link PassageJudge} for a direction and a confidence.
 *
 * <p>A passage starts with the tag's first present read at any read point of the door and ends
 * when smoothing has departed it from all of them. During the passage each side keeps (see
 * {@link SideStats}) its read count, peak, the power-weighted time centroid (reads weighted by
 * linear power, so the centroid is when the tag was nearest that side's antennas) and an
 * exponentially smoothed RSSI (time constant {@code rssiSmoothing}).
 *
 * <p>The smoothed RSSIs also feed the threshold-transition detector and RSSI trend of {@link
 * LeadTracker}, supporting evidence for the judge.
 *
 * <p>A passage still open after {@code dwellLimit} is reported staged once (reason DWELL); it is
 * still judged when it ends.
 *
 * <p>Early judgement (when {@code crossingSettle} is above zero): a pallet carried through a door is
 * usually set down in a lane a few metres behind it (or on the trailer), where the door keeps
 * hearing it for as long as it stands there, so waiting for the passage to end delays the decision
 * by that long. Instead, once the threshold transitions have gone from one side to the other
 * ({@link LeadTracker}) and the new side has kept the lead for {@code crossingSettle}, the passage
 * is judged on its evidence so far; a crossing towards the leading side is handed on at once and the
 * passage's end judges nothing more. Otherwise (ambiguous, or the other direction) it is judged
 * again at the next crossover or at its end. In this mode a passage that ends without any crossover
 * is never a crossing (it is staged AMBIGUOUS): a tag heard through from a neighbouring door or a
 * lane, not carried through, shows none.
 */
public final class PortalStage implements FilterStage {
  private final StageCounters counters = new StageCounters("portal");
  private final ReadPoints readPoints;
  private final PassageJudge judge;
  private final CrossingSink sink;
  private final LeadTracker leads;
  private final double smoothingMicros;
  private final long dwellMicros;
  private final long settleMicros;

  public PortalStage(ReadPoints readPoints, PassageJudge judge, CrossingSink sink,
                     double presenceRssi, double hysteresisDb, long holdOffMicros,
                     double decayDbPerSecond, long smoothingMicros, long dwellMicros,
                     long settleMicros) {
    this.readPoints = readPoints;
    this.judge = judge;
    this.sink = sink;
    this.leads = new LeadTracker(presenceRssi, hysteresisDb, holdOffMicros, decayDbPerSecond);
    this.smoothingMicros = smoothingMicros;
    this.dwellMicros = dwellMicros;
    this.settleMicros = settleMicros;
  }

  @Override
  public String name() {
    return counters.name();
  }

  @Override
  public boolean onRead(ReadContext read) {
    int door = readPoints.door(read.readPoint);
    if (door < 0) {
      return true;
    }
    counters.in++;
    TagTrack t = read.track;
    DoorEvidence ev = t.doorFor(door);
    if (!ev.active) {
      ev.active = true;
      ev.originMicros = read.readMicros;
      ev.visitStartMicros = read.nowMicros;
      read.tickNeeded = true;
    }
    int s = readPoints.side(read.readPoint);
    SideStats side = ev.sides[s];
    double power = Math.pow(10, read.rssiDbm / 10);
    double at = (read.readMicros - ev.originMicros) / 1e6;
    if (side.reads == 0) {
      side.firstReadMicros = read.readMicros;
      side.smoothed = read.rssiDbm;
    } else {
      double dt = Math.max(0, read.readMicros - side.lastReadMicros);
      side.smoothed += (1 - Math.exp(-dt / smoothingMicros)) * (read.rssiDbm - side.smoothed);
    }
    side.reads++;
    side.sumPower += power;
    side.sumPowerTime += power * at;
    side.sumPowerTime2 += power * at * at;
    side.peakRssi = Math.max(side.peakRssi, read.rssiDbm);
    side.lastReadMicros = Math.max(side.lastReadMicros, read.readMicros);
    leads.update(ev, s, read.readMicros, read.nowMicros, at);
    if (settleMicros > 0 && !ev.judged && ev.crossedOver()) {
      read.tickNeeded = true; // the early judgement's time may have moved
    }
    return true;
  }

  @Override
  public void onTick(TagTrack t, long nowMicros) {
    for (int slot = 0; slot < t.doorSlots; slot++) {
      DoorEvidence ev = t.doors[slot];
      int door = t.doorOf[slot];
      if (!ev.active) {
        continue;
      }
      if (!presentAt(t, door)) {
        Crossing c = ev.judged ? null : judge.judge(t, door, ev, nowMicros);
        if (c != null && c.isCrossing() && settleMicros > 0 && !ev.crossedOver()) {
          c = judge.ambiguous(t, door, ev); // no crossover: heard through, not carried through
        }
        ev.endPassage(nowMicros);
        if (c != null) {
          counters.out++;
          sink.accept(c, nowMicros);
        }
      } else if (earlyDue(ev, nowMicros)) {
        ev.earlyTriedLead = ev.leadSinceMicros;
        Crossing c = judge.judge(t, door, ev, nowMicros);
        if (c != null && c.isCrossing() && c.side().ordinal() == ev.leader) {
          ev.judged = true;
          counters.out++;
          sink.accept(c, nowMicros);
        }
      } else if (!ev.stagedReported && nowMicros - ev.visitStartMicros >= dwellMicros) {
        ev.stagedReported = true;
        counters.out++;
        sink.accept(judge.dwelling(t, door, ev, nowMicros), nowMicros);
      }
    }
  }


  /** An early judgement is due: the tag crossed over {@code crossingSettle} ago, not yet tried. */
  private boolean earlyDue(DoorEvidence ev, long nowMicros) {
    return settleMicros > 0 && !ev.judged && ev.crossedOver()
        && ev.earlyTriedLead != ev.leadSinceMicros && nowMicros - ev.leadSinceMicros >= settleMicros;
  }

  /** The dwell limit of an open passage (its end comes with a departure, which is ticked). */
  @Override
  public long nextTickMicros(TagTrack t) {
    long next = Long.MAX_VALUE;
    for (int slot = 0; slot < t.doorSlots; slot++) {
      DoorEvidence ev = t.doors[slot];
      if (ev.active && !ev.stagedReported) {
        next = Math.min(next, ev.visitStartMicros + dwellMicros);
      }
      if (ev.active && earlyDue(ev, Long.MAX_VALUE)) {
        next = Math.min(next, ev.leadSinceMicros + settleMicros);
      }
    }
    return next;
  }

  private boolean presentAt(TagTrack t, int door) {
    for (int s = 0; s < t.readPointSlots; s++) {
      if (t.present[s] && readPoints.door(t.readPointOf[s]) == door) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean holds(TagTrack t) {
    for (int s = 0; s < t.doorSlots; s++) {
      if (t.doors[s].active) {
        return true;
      }
    }
    return false;
  }

  @Override
  public StageCounters counters() {
    return counters;
  }
}
