package io.tagflow.gateway.pipeline.internal;

/**
 * Stage 4, zone location: a tag's bin is the zone where it is heard strongest, changed only past a
 * margin and a hold-off.
 *
 * <p>Each zone keeps an exponentially smoothed RSSI per tag (time constant {@code zoneSmoothing},
 * weighted by the real time between reads, so a zone read ten times a second does not out-vote one
 * read twice a second just by rate). Only zones where smoothing says the tag is present compete.
 * The strongest present zone becomes the candidate when it leads the current bin by {@code
 * zoneMarginDb} (or the tag has no present bin); it must keep that lead for {@code zoneHoldOff}
 * before the bin changes. Margin and hold-off together stop the flapping between neighbouring bins
 * that raw strongest-antenna assignment produces.
 *
 * <p>The confidence of a change is the new zone's share of received power against the runner-up,
 * {@code 1 / (1 + 10^(-lead/10))}: 0.5 at a tie, 0.8 at 6 dB, 1.0 with no competing zone.
 */
public final class ZoneStage implements FilterStage {
  private final StageCounters counters = new StageCounters("zone");
  private final ReadPoints readPoints;
  private final double marginDb;
  private final long holdOffMicros;
  private final double smoothingMicros;
  private final LocationSink sink;
  /** Scratch results of {@link #strongest}, so it allocates nothing. */
  private double bestRssi;
  private double runnerUpRssi;

  /** Receives bin changes. */
  @FunctionalInterface
  public interface LocationSink {
    void changed(TagTrack track, int bin, int fromBin, double confidence, long nowMicros);
  }

  public ZoneStage(ReadPoints readPoints, double marginDb, long holdOffMicros, long smoothingMicros,
                   LocationSink sink) {
    this.readPoints = readPoints;
    this.marginDb = marginDb;
    this.holdOffMicros = holdOffMicros;
    this.smoothingMicros = smoothingMicros;
    this.sink = sink;
  }

  @Override
  public String name() {
    return counters.name();
  }

  @Override
  public boolean onRead(ReadContext read) {
    int z = readPoints.zone(read.readPoint);
    if (z < 0) {
      return true;
    }
    counters.in++;
    TagTrack t = read.track;
    int s = t.zoneSlotFor(z);
    long last = t.zoneRssiAt[s];
    if (last == 0) {
      t.zoneRssi[s] = read.rssiDbm;
    } else {
      double dt = Math.max(0, read.readMicros - last);
      t.zoneRssi[s] += (1 - Math.exp(-dt / smoothingMicros)) * (read.rssiDbm - t.zoneRssi[s]);
    }
    t.zoneRssiAt[s] = Math.max(last, read.readMicros);
    if (t.candidateBin >= 0 || leads(t, strongest(t))) {
      read.tickNeeded = true; // the next tick starts, keeps or drops a bin change
    }
    return true;
  }

  @Override
  public void onTick(TagTrack t, long nowMicros) {
    for (int s = 0; s < t.zoneSlots; s++) {
      if (t.zoneRssiAt[s] != 0 && !present(t, t.zoneOf[s])) {
        t.zoneRssiAt[s] = 0; // forget the average of a zone the tag left
      }
    }
    int best = strongest(t);
    if (!leads(t, best)) {
      t.candidateBin = -1;
      return;
    }
    if (t.candidateBin != best) {
      t.candidateBin = best;
      t.candidateSinceMicros = nowMicros;
    }
    if (nowMicros - t.candidateSinceMicros >= holdOffMicros) {
      double lead = bestRssi - runnerUpRssi;
      double confidence = 1 / (1 + Math.pow(10, -lead / 10));
      int from = t.bin;
      t.bin = best;
      t.candidateBin = -1;
      counters.out++;
      sink.changed(t, best, from, confidence, nowMicros);
    }
  }

  /**
   * The strongest zone where the tag is present, or -1; leaves its smoothed RSSI and the
   * runner-up's in {@link #bestRssi} and {@link #runnerUpRssi}.
   */
  private int strongest(TagTrack t) {
    int best = -1;
    double top = Double.NEGATIVE_INFINITY;
    double runnerUp = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < t.zoneSlots; s++) {
      int z = t.zoneOf[s];
      if (!present(t, z)) {
        continue;
      }
      double r = t.zoneRssi[s];
      if (r > top) {
        runnerUp = top;
        top = r;
        best = z;
      } else if (r > runnerUp) {
        runnerUp = r;
      }
    }
    bestRssi = top;
    runnerUpRssi = runnerUp;
    return best;
  }

  /** True when {@code best} (from {@link #strongest}) is a new bin leading the current one by the margin. */
  private boolean leads(TagTrack t, int best) {
    if (best < 0 || best == t.bin) {
      return false;
    }
    double current = t.bin >= 0 && present(t, t.bin) ? t.zoneRssi[t.zoneSlot(t.bin)] : Double.NEGATIVE_INFINITY;
    return bestRssi - current >= marginDb;
  }

  /**
   * The end of a pending candidate's hold-off. Otherwise the bin can only change after new reads or a
   * departure, and the tag is ticked after either.
   */
  @Override
  public long nextTickMicros(TagTrack t) {
    return t.candidateBin >= 0 ? t.candidateSinceMicros + holdOffMicros : Long.MAX_VALUE;
  }

  private boolean present(TagTrack t, int zone) {
    for (int s = 0; s < t.readPointSlots; s++) {
      if (t.present[s] && readPoints.zone(t.readPointOf[s]) == zone) {
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
