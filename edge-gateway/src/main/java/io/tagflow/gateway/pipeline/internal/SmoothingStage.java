package io.tagflow.gateway.pipeline.internal;

/**
 * Stage 2, smoothing: turns a flickering read stream into presence per tag and read point.
 *
 * <p>UHF reads are bursty: a tag in the field is missed in many inventory rounds (collisions,
 * nulls, orientation) and a tag outside the field is sometimes caught by a reflection. So a tag
 * <em>arrives</em> at a read point after {@code arrivalReads} reads within {@code arrivalWindow}
 * (reader timestamps), or at once on a single read of at least {@code strongReadRssiDbm}; it
 * <em>departs</em> after {@code absenceTimeout} without reads there (gateway clock, checked on
 * tick). This is the classic smoothing window of RFID middleware (e.g. the Sun/Oracle RFID
 * "Smoothing" filter, EdgeX's DepartedThresholdSeconds) with an explicit arrival rule so one
 * reflected read does not create presence.
 *
 * <p>Each tag keeps, per read point, a ring of its last {@code arrivalReads} read times: the
 * arrival test is "the oldest of them is inside the window", exact and allocation-free. Reads
 * before arrival stop here; reads after arrival go on to the door and zone stages.
 */
public final class SmoothingStage implements FilterStage {
  private final StageCounters counters = new StageCounters("smoothing");
  private final int ring;
  private final long windowMicros;
  private final double strongRssi;
  private final long absenceMicros;
  long arrivals;
  long departures;

  public SmoothingStage(int arrivalReads, long windowMicros, double strongRssi, long absenceMicros) {
    this.ring = arrivalReads;
    this.windowMicros = windowMicros;
    this.strongRssi = strongRssi;
    this.absenceMicros = absenceMicros;
  }

  @Override
  public String name() {
    return counters.name();
  }

  @Override
  public boolean onRead(ReadContext read) {
    counters.in++;
    TagTrack t = read.track;
    int rp = t.readPointSlotFor(read.readPoint);
    int base = rp * ring;
    int slot = t.ringNext[rp];
    t.recentReads[base + slot] = read.readMicros;
    t.ringNext[rp] = slot + 1 == ring ? 0 : slot + 1;
    t.lastHeardMicros[rp] = read.nowMicros;
    t.lastActivityMicros = read.nowMicros;
    if (!t.present[rp]) {
      long oldest = t.recentReads[base + t.ringNext[rp]];
      boolean enough = oldest != 0 && read.readMicros - oldest <= windowMicros;
      if (!enough && read.rssiDbm < strongRssi) {
        return false;
      }
      t.present[rp] = true;
      t.presentCount++;
      arrivals++;
      read.tickNeeded = true;
    }
    counters.out++;
    return true;
  }

  @Override
  public void onTick(TagTrack t, long nowMicros) {
    if (t.presentCount == 0) {
      return;
    }
    for (int rp = 0; rp < t.readPointSlots; rp++) {
      if (t.present[rp] && nowMicros - t.lastHeardMicros[rp] > absenceMicros) {
        t.present[rp] = false;
        t.presentCount--;
        departures++;
        java.util.Arrays.fill(t.recentReads, rp * ring, rp * ring + ring, 0L);
      }
    }
  }

  /** The first time one of the tag's read points may be departed. */
  @Override
  public long nextTickMicros(TagTrack t) {
    if (t.presentCount == 0) {
      return Long.MAX_VALUE;
    }
    long lastHeard = Long.MAX_VALUE;
    for (int rp = 0; rp < t.readPointSlots; rp++) {
      if (t.present[rp]) {
        lastHeard = Math.min(lastHeard, t.lastHeardMicros[rp]);
      }
    }
    return lastHeard + absenceMicros + 1;
  }

  @Override
  public boolean holds(TagTrack track) {
    return track.presentCount > 0;
  }

  public long arrivals() {
    return arrivals;
  }

  public long departures() {
    return departures;
  }

  @Override
  public StageCounters counters() {
    return counters;
  }
}
