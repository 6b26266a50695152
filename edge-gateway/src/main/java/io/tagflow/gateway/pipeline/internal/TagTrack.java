package io.tagflow.gateway.pipeline.internal;

import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.EpcDecoder;
import io.tagflow.protocol.epc.EpcIdentity;
import io.tagflow.protocol.epc.EpcScheme;

/**
 * Everything the stages remember about one tag, allocated once when the tag is first admitted and
 * reused for every later read, so steady-state reads allocate nothing. Per-read-point arrays are
 * indexed by the {@link ReadPoints} index. Fields are package-private: each stage owns its own
 * group and the class comment of that stage explains them.
 */
public final class TagTrack {
  final long epcHigh;
  final int epcLow;

  /*
   * Per-read-point, per-door and per-zone state is sparse: a tag is heard by a handful of the
   * gateway's read points, not all of them, so each group is a small table of slots keyed by the
   * read point's (door's, zone's) index and searched linearly. Dense arrays sized by the whole
   * configuration cost memory and tick time in proportion to readers x tags (a 1,000-reader
   * gateway spent ~150 KB and 7,000 array slots of tick work per tag). Slots are added when a
   * tag first meets a read point (door, zone), growing by doubling, and are kept until the tag is
   * forgotten.
   */

  // SmoothingStage: a ring of the last arrivalReads read times per read point slot.
  private final int ring;
  int[] readPointOf;
  int readPointSlots;
  long[] recentReads;
  int[] ringNext;
  boolean[] present;
  long[] lastHeardMicros;
  int presentCount;
  long lastActivityMicros;

  // PortalStage: per door slot, created when the tag is first present at that door.
  int[] doorOf;
  DoorEvidence[] doors;
  int doorSlots;

  // ZoneStage: per zone slot smoothed RSSI; bin decision state (bin indices are zone indices).
  int[] zoneOf;
  double[] zoneRssi;
  long[] zoneRssiAt;
  int zoneSlots;
  int bin = -1;
  int candidateBin = -1;
  long candidateSinceMicros;

  // GroupingStage: the movement the tag's last crossing joined, until it is decided.
  OpenMovement movement;
  /** The weaker side's peak RSSI of the tag's crossing in {@link #movement}. */
  double joinedWeakerPeakRssi;
  // MovementsByTag (for ArbitrationStage): open movements the tag joined, some perhaps closed since.
  OpenMovement[] openIn;
  int openInCount;

  // ArbitrationStage: the door and read interval of the tag's last emitted crossing (movedDoor -1
  // before the first).
  int movedDoor = -1;
  long movedFirstReadMicros;
  long movedLastReadMicros;

  // PipelineCore and TickSchedule: the tick (number) the tag is queued for, and its place in the
  // tick schedule: deadline (Long.MAX_VALUE when not scheduled), bucket and index in it.
  long dueTick;
  long wakeMicros = Long.MAX_VALUE;
  int wakeSlot;
  int wakeIndex;
  // PipelineCore's short ticks: read (asking for a tick) since the last tick; the stages (bits by
  // stage index) that asked for every tick, the other stages' earliest deadline and whether one of
  // them holds the tag, as of the last full tick.
  boolean readSinceTick;
  byte everyTickStages;
  boolean heldByOthers;
  long othersWakeMicros;

  private EpcIdentity identity;

  /**
   * @param readPoints, doorCount, zoneCount how many the gateway has: they bound the initial
   *     capacity of the slot tables
   * @param ringSize reads remembered per read point for the arrival test
   */
  TagTrack(long epcHigh, int epcLow, int readPoints, int ringSize, int doorCount, int zoneCount) {
    this.epcHigh = epcHigh;
    this.epcLow = epcLow;
    this.ring = ringSize;
    int rps = Math.max(1, Math.min(4, readPoints));
    this.readPointOf = new int[rps];
    this.recentReads = new long[rps * ringSize];
    this.ringNext = new int[rps];
    this.present = new boolean[rps];
    this.lastHeardMicros = new long[rps];
    int ds = Math.max(1, Math.min(2, doorCount));
    this.doorOf = new int[ds];
    this.doors = new DoorEvidence[ds];
    int zs = Math.max(1, Math.min(2, zoneCount));
    this.zoneOf = new int[zs];
    this.zoneRssi = new double[zs];
    this.zoneRssiAt = new long[zs];
  }

  /** The slot of read point {@code rp}, or -1 when the tag never met it. */
  int readPointSlot(int rp) {
    for (int s = 0; s < readPointSlots; s++) {
      if (readPointOf[s] == rp) {
        return s;
      }
    }
    return -1;
  }

  /** The slot of read point {@code rp}, added (empty) when the tag never met it. */
  int readPointSlotFor(int rp) {
    int s = readPointSlot(rp);
    if (s >= 0) {
      return s;
    }
    if (readPointSlots == readPointOf.length) {
      int n = readPointOf.length * 2;
      readPointOf = java.util.Arrays.copyOf(readPointOf, n);
      recentReads = java.util.Arrays.copyOf(recentReads, n * ring);
      ringNext = java.util.Arrays.copyOf(ringNext, n);
      present = java.util.Arrays.copyOf(present, n);
      lastHeardMicros = java.util.Arrays.copyOf(lastHeardMicros, n);
    }
    readPointOf[readPointSlots] = rp;
    return readPointSlots++;
  }

  /** The slot of door {@code door}, or -1. */
  int doorSlot(int door) {
    for (int s = 0; s < doorSlots; s++) {
      if (doorOf[s] == door) {
        return s;
      }
    }
    return -1;
  }

  /** The evidence of door {@code door}, created when the tag never met it. */
  DoorEvidence doorFor(int door) {
    int s = doorSlot(door);
    if (s >= 0) {
      return doors[s];
    }
    if (doorSlots == doorOf.length) {
      doorOf = java.util.Arrays.copyOf(doorOf, doorSlots * 2);
      doors = java.util.Arrays.copyOf(doors, doorSlots * 2);
    }
    doorOf[doorSlots] = door;
    return doors[doorSlots++] = new DoorEvidence();
  }

  /** The slot of zone {@code zone}, or -1. */
  int zoneSlot(int zone) {
    for (int s = 0; s < zoneSlots; s++) {
      if (zoneOf[s] == zone) {
        return s;
      }
    }
    return -1;
  }

  /** The slot of zone {@code zone}, added (no average yet) when the tag never met it. */
  int zoneSlotFor(int zone) {
    int s = zoneSlot(zone);
    if (s >= 0) {
      return s;
    }
    if (zoneSlots == zoneOf.length) {
      int n = zoneSlots * 2;
      zoneOf = java.util.Arrays.copyOf(zoneOf, n);
      zoneRssi = java.util.Arrays.copyOf(zoneRssi, n);
      zoneRssiAt = java.util.Arrays.copyOf(zoneRssiAt, n);
    }
    zoneOf[zoneSlots] = zone;
    return zoneSlots++;
  }

  /** Test hook: marks the tag present (or not) at read point {@code rp} without the smoothing rules. */
  void setPresent(int rp, boolean value) {
    int s = readPointSlotFor(rp);
    if (present[s] != value) {
      present[s] = value;
      presentCount += value ? 1 : -1;
    }
  }

  /** The decoded EPC, computed on first use: only tags that reach a decision pay for it. */
  public EpcIdentity identity() {
    if (identity == null) {
      identity = EpcDecoder.decode(epc());
    }
    return identity;
  }

  public Epc96 epc() {
    return new Epc96(epcHigh, epcLow);
  }

  /** True for an SSCC-96 tag: a pallet or other logistic unit. Does not allocate. */
  public boolean isSscc() {
    return EpcDecoder.scheme(epcHigh) == EpcScheme.SSCC_96;
  }

  public boolean present(int readPoint) {
    int s = readPointSlot(readPoint);
    return s >= 0 && present[s];
  }
}
