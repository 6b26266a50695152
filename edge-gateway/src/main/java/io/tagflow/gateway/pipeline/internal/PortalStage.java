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
 */
public final class PortalStage implements FilterStage {
  private final StageCounters counters = new StageCounters("portal");
  private final ReadPoints readPoints;
  private final PassageJudge judge;
  private final CrossingSink sink;
  private final LeadTracker leads;
  private final double smoothingMicros;
  private final long dwellMicros;

  public PortalStage(ReadPoints readPoints, PassageJudge judge, CrossingSink sink,
                     double presenceRssi, double hysteresisDb, long holdOffMicros,
                     double decayDbPerSecond, long smoothingMicros, long dwellMicros) {
    this.readPoints = readPoints;
    this.judge = judge;
    this.sink = sink;
    this.leads = new LeadTracker(presenceRssi, hysteresisDb, holdOffMicros, decayDbPerSecond);
    this.smoothingMicros = smoothingMicros;
    this.dwellMicros = dwellMicros;
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
    leads.update(ev, s, read.readMicros, at);
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
        Crossing c = judge.judge(t, door, ev, nowMicros);
        ev.lastPassageMw = ev.sides[0].sumPower + ev.sides[1].sumPower;
        ev.lastPassageEndMicros = nowMicros;
        ev.reset();
        if (c != null) {
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

  /** The dwell limit of an open passage (its end comes with a departure, which is ticked). */
  @Override
  public long nextTickMicros(TagTrack t) {
    long next = Long.MAX_VALUE;
    for (int slot = 0; slot < t.doorSlots; slot++) {
      DoorEvidence ev = t.doors[slot];
      if (ev.active && !ev.stagedReported) {
        next = Math.min(next, ev.visitStartMicros + dwellMicros);
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
