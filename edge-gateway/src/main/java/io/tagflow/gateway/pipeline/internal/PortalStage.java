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
 * <p>The smoothed RSSIs also drive a threshold-transition detector in the manner of Impinj
 * ItemSense threshold jobs and the EdgeX app-rfid-llrp-inventory mobility profile: a side becomes
 * the <em>leader</em> when its smoothed RSSI beats the other side's by {@code hysteresisDb}; the
 * required lead holds for {@code holdOff} after the other side's last read and then decays by
 * {@code hysteresisDecayDbPerSecond} (EdgeX: 6 dB, 500 ms, 0.008 dB/ms). The first and last
 * leaders and the trend of the inside-minus-outside RSSI are supporting evidence; unlike those
 * systems, a single transition never decides on its own (see {@link PassageJudge}).
 *
 * <p>A passage still open after {@code dwellLimit} is reported staged once (reason DWELL); it is
 * still judged when it ends.
 */
public final class PortalStage implements FilterStage {
  private final StageCounters counters = new StageCounters("portal");
  private final ReadPoints readPoints;
  private final int[][] doorReadPoints;
  private final PassageJudge judge;
  private final CrossingSink sink;
  private final double presenceRssi;
  private final double hysteresisDb;
  private final long holdOffMicros;
  private final double decayPerMicro;
  private final double smoothingMicros;
  private final long dwellMicros;

  public PortalStage(ReadPoints readPoints, PassageJudge judge, CrossingSink sink,
                     double presenceRssi, double hysteresisDb, long holdOffMicros,
                     double decayDbPerSecond, long smoothingMicros, long dwellMicros) {
    this.readPoints = readPoints;
    this.judge = judge;
    this.sink = sink;
    this.presenceRssi = presenceRssi;
    this.hysteresisDb = hysteresisDb;
    this.holdOffMicros = holdOffMicros;
    this.decayPerMicro = decayDbPerSecond / 1e6;
    this.smoothingMicros = smoothingMicros;
    this.dwellMicros = dwellMicros;
    this.doorReadPoints = new int[readPoints.doorCount()][];
    for (int d = 0; d < doorReadPoints.length; d++) {
      final int door = d;
      doorReadPoints[d] = java.util.stream.IntStream.range(0, readPoints.count())
          .filter(rp -> readPoints.door(rp) == door).toArray();
    }
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
    DoorEvidence ev = t.doors[door];
    if (ev == null) {
      ev = t.doors[door] = new DoorEvidence();
    }
    if (!ev.active) {
      ev.active = true;
      ev.originMicros = read.readMicros;
      ev.visitStartMicros = read.nowMicros;
    }
    int s = readPoints.side(read.readPoint);
    SideStats side = ev.sides[s];
    SideStats other = ev.sides[1 - s];
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
    if (ev.leader != s && side.smoothed >= presenceRssi && leads(side, other, read.readMicros)) {
      if (ev.firstLeader < 0) {
        ev.firstLeader = s;
      }
      ev.leader = s;
      ev.transitions++;
    }
    if (other.reads > 0) {
      double d = ev.sides[1].smoothed - ev.sides[0].smoothed;
      ev.trendN++;
      ev.trendT += at;
      ev.trendD += d;
      ev.trendTT += at * at;
      ev.trendTD += at * d;
    }
    return true;
  }

  /** The hysteresis test with EdgeX-style hold-off and decay of the required lead. */
  private boolean leads(SideStats side, SideStats other, long nowMicros) {
    if (other.reads == 0) {
      return true;
    }
    long stale = nowMicros - other.lastReadMicros - holdOffMicros;
    double needed = Math.max(0, hysteresisDb - Math.max(0, stale) * decayPerMicro);
    return side.smoothed - other.smoothed >= needed;
  }

  @Override
  public void onTick(TagTrack t, long nowMicros) {
    for (int door = 0; door < t.doors.length; door++) {
      DoorEvidence ev = t.doors[door];
      if (ev == null || !ev.active) {
        continue;
      }
      if (!presentAt(t, door)) {
        Crossing c = judge.judge(t, door, ev, nowMicros);
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

  private boolean presentAt(TagTrack t, int door) {
    for (int rp : doorReadPoints[door]) {
      if (t.present[rp]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean holds(TagTrack t) {
    for (DoorEvidence ev : t.doors) {
      if (ev != null && ev.active) {
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
