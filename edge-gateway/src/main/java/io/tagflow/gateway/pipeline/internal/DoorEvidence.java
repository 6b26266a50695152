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

  /** Threshold transitions: the side leading by the hysteresis, the first leader, and a count. */
  int leader;
  int firstLeader;
  int transitions;

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
    transitions = 0;
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

  long firstReadMicros() {
    long a = sides[0].reads > 0 ? sides[0].firstReadMicros : Long.MAX_VALUE;
    long b = sides[1].reads > 0 ? sides[1].firstReadMicros : Long.MAX_VALUE;
    return Math.min(a, b);
  }

  long lastReadMicros() {
    return Math.max(sides[0].lastReadMicros, sides[1].lastReadMicros);
  }
}
