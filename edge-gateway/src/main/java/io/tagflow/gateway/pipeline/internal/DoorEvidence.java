package io.tagflow.gateway.pipeline.internal;

/**
 * One tag's evidence at one door during one passage (from its first present read at the door until
 * it has departed every read point of the door). Reset, not reallocated, between passages.
 */
final class DoorEvidence {
  final SideStats[] sides = {new SideStats(), new SideStats()};
  boolean active;
  boolean stagedReported;
  long originMicros;
  long visitStartMicros;
  /** Summed read power (mW) of the tag's last finished passage here, and when it was judged. */
  double lastPassageMw;
  long lastPassageEndMicros = Long.MIN_VALUE / 2;
  /**
   * The last finished passage here: the lower of its two sides' peak RSSI (how close the tag came to
   * both sides' antennas) and its first and last read (reader clock).
   */
  double lastPassageWeakerPeak = Double.NEGATIVE_INFINITY;
  long lastPassageFirstReadMicros = Long.MIN_VALUE / 2;
  long lastPassageLastReadMicros = Long.MIN_VALUE / 2;

  /** Threshold transitions: the side leading by the hysteresis, the first leader, and a count. */
  int leader;
  int firstLeader;
  int transitions;
  /**
   * The first side that kept the lead for at least the hold-off, once it lost it ({@code -1} until
   * then); see {@link #crossedOver()}.
   */
  int originLeader;
  /** Gateway time the current leader took the lead. */
  long leadSinceMicros;

  /**
   * The passage was judged a crossing while still open ({@link PortalStage}, early judgement): its
   * end judges nothing more. {@code earlyTriedLead} is the lead ({@link #leadSinceMicros}) an early
   * judgement was last tried for, so each lead change is tried once.
   */
  boolean judged;
  long earlyTriedLead;

  /** Least-squares sums of (t, inside minus outside smoothed RSSI) for the RSSI trend. */
  int trendN;
  double trendT;
  double trendD;
  double trendTT;
  double trendTD;

  DoorEvidence() {
    reset();
  }

  void reset() {
    sides[0].reset();
    sides[1].reset();
    active = false;
    stagedReported = false;
    leader = -1;
    firstLeader = -1;
    originLeader = -1;
    transitions = 0;
    leadSinceMicros = 0;
    judged = false;
    earlyTriedLead = Long.MIN_VALUE;
    trendN = 0;
    trendT = 0;
    trendD = 0;
    trendTT = 0;
    trendTD = 0;
  }

  /** Slope (dB/s) of inside-minus-outside RSSI over the passage; positive means moving inward. */
  double trendSlope() {
    double denom = trendN * trendTT - trendT * trendT;
    return trendN < 3 || denom <= 0 ? 0 : (trendN * trendTD - trendT * trendD) / denom;
  }

  /**
   * The threshold transitions went from one side to the other: the last lead is the other side's
   * than the first lead that was kept for at least the hold-off. A lead taken at the passage's start
   * only because the other side had not been read yet (the antennas' inventory rounds alternate: a
   * tag coming from inside is often read first, weakly, through the wall by the outside antennas) is
   * lost within milliseconds; counting it would make the tag's real crossing look like a return.
   */
  boolean crossedOver() {
    return originLeader >= 0 && leader == 1 - originLeader;
  }

  /** The lower of the two sides' peak RSSI so far (minus infinity while a side has no read). */
  double weakerPeakRssi() {
    return Math.min(sides[0].peakRssi, sides[1].peakRssi);
  }

  /** Remembers the passage ending now ({@link #lastPassageMw} and the fields after it); then reset. */
  void endPassage(long nowMicros) {
    lastPassageMw = sides[0].sumPower + sides[1].sumPower;
    lastPassageEndMicros = nowMicros;
    lastPassageWeakerPeak = weakerPeakRssi();
    lastPassageFirstReadMicros = firstReadMicros();
    lastPassageLastReadMicros = lastReadMicros();
    reset();
  }

  long firstReadMicros() {
    long a = sides[0].reads > 0 ? sides[0].firstReadMicros : Long.MAX_VALUE;
    long b = sides[1].reads > 0 ? sides[1].firstReadMicros : Long.MAX_VALUE;
    return Math.min(a, b);
  }

  long lastReadMicros() {
    return Math.max(sides[0].lastReadMicros, sides[1].lastReadMicros);
  }
}
