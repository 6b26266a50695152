package io.tagflow.gateway.pipeline.internal;

/**
 * Part of stage 3: the threshold-transition detector and RSSI trend of one passage, updated on each
 * door read after the side's statistics (see {@link PortalStage}).
 *
 * <p>Transitions in the manner of Impinj ItemSense threshold jobs and the EdgeX
 * app-rfid-llrp-inventory mobility profile: a side becomes the <em>leader</em> when its smoothed
 * RSSI reaches {@code presenceRssiDbm} and beats the other side's by {@code hysteresisDb}. The full
 * lead is required for {@code holdOff} after the other side's last read, then the requirement
 * decays by {@code hysteresisDecayDbPerSecond}, so a side that went silent can be overtaken (EdgeX
 * defaults: 6 dB, 500 ms, 0.008 dB/ms). The first leader and the last are kept. Unlike those
 * systems, a transition never decides a crossing alone; {@link PassageJudge} weighs it.
 *
 * <p>The trend is a least-squares slope of (inside minus outside smoothed RSSI) against time,
 * sampled on each read once both sides have been heard: a tag moving inward makes it rise.
 */
final class LeadTracker {
  private final double presenceRssi;
  private final double hysteresisDb;
  private final long holdOffMicros;
  private final double decayPerMicro;

  LeadTracker(double presenceRssi, double hysteresisDb, long holdOffMicros,
              double decayDbPerSecond) {
    this.presenceRssi = presenceRssi;
    this.hysteresisDb = hysteresisDb;
    this.holdOffMicros = holdOffMicros;
    this.decayPerMicro = decayDbPerSecond / 1e6;
  }

  /**
   * After a read on side {@code s} at {@code readMicros} (reader clock; {@code nowMicros} the gateway's,
   * {@code at}: seconds into the passage).
   */
  void update(DoorEvidence ev, int s, long readMicros, long nowMicros, double at) {
    SideStats side = ev.sides[s];
    SideStats other = ev.sides[1 - s];
    if (ev.leader != s && side.smoothed >= presenceRssi && leads(side, other, readMicros)) {
      if (ev.firstLeader < 0) {
        ev.firstLeader = s;
      }
      if (ev.originLeader < 0 && ev.leader >= 0 && nowMicros - ev.leadSinceMicros >= holdOffMicros) {
        ev.originLeader = ev.leader;
      }
      ev.leader = s;
      ev.leadSinceMicros = nowMicros;
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
  }

  private boolean leads(SideStats side, SideStats other, long nowMicros) {
    if (other.reads == 0) {
      return true;
    }
    long stale = nowMicros - other.lastReadMicros - holdOffMicros;
    double needed = Math.max(0, hysteresisDb - Math.max(0, stale) * decayPerMicro);
    return side.smoothed - other.smoothed >= needed;
  }
}
