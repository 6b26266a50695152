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

  // SmoothingStage: a ring of the last arrivalReads read times per read point.
  final long[] recentReads;
  final int[] ringNext;
  final boolean[] present;
  final long[] lastHeardMicros;
  int presentCount;
  long lastActivityMicros;

  // PortalStage: per door, created when the tag is first present at that door.
  final DoorEvidence[] doors;

  // ZoneStage: per zone smoothed RSSI; bin decision state.
  final double[] zoneRssi;
  final long[] zoneRssiAt;
  int bin = -1;
  int candidateBin = -1;
  long candidateSinceMicros;

  // ArbitrationStage: the decision waiting for competing evidence, and the last door won.
  Crossing pending;
  long pendingReleaseMicros;
  int lastDoor = -1;

  private EpcIdentity identity;

  TagTrack(long epcHigh, int epcLow, int readPoints, int ringSize, int doorCount, int zoneCount) {
    this.epcHigh = epcHigh;
    this.epcLow = epcLow;
    this.recentReads = new long[readPoints * ringSize];
    this.ringNext = new int[readPoints];
    this.present = new boolean[readPoints];
    this.lastHeardMicros = new long[readPoints];
    this.doors = new DoorEvidence[doorCount];
    this.zoneRssi = new double[zoneCount];
    this.zoneRssiAt = new long[zoneCount];
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
    return present[readPoint];
  }
}
