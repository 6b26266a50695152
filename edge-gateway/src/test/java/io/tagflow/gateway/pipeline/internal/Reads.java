package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.ReadPoint;
import io.tagflow.gateway.pipeline.Side;
import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.EpcEncoder;

/** Shared fixture for stage tests: a door D1 (read points 0 OUTSIDE, 1 INSIDE), zones A and B. */
final class Reads {
  static final long T0 = 1_700_000_000_000_000L;
  static final int OUT = 0;
  static final int IN = 1;
  static final int ZONE_A = 2;
  static final int ZONE_B = 3;
  static final int RING = 2;

  private Reads() {
  }

  static ReadPoints layout() {
    ReadPoints rps = new ReadPoints();
    rps.map("r1", 1, ReadPoint.door("D1", Side.OUTSIDE), Double.NaN);
    rps.map("r1", 2, ReadPoint.door("D1", Side.INSIDE), Double.NaN);
    rps.map("r2", 1, ReadPoint.zone("A"), Double.NaN);
    rps.map("r2", 2, ReadPoint.zone("B"), Double.NaN);
    return rps;
  }

  static Epc96 sgtin(long serial) {
    return EpcEncoder.sgtin96(3, "0614141", "812345", serial);
  }

  static TagTrack track(ReadPoints rps, Epc96 epc) {
    return new TagTrack(epc.high(), epc.low(), rps.count(), RING, rps.doorCount(), rps.zoneCount());
  }

  /** A context for one read at {@code micros} (reader and gateway time equal). */
  static ReadContext read(TagTrack t, int readPoint, double rssi, long micros) {
    ReadContext c = new ReadContext();
    c.epcHigh = t.epcHigh;
    c.epcLow = t.epcLow;
    c.readPoint = readPoint;
    c.antennaMinRssi = Double.NaN;
    c.rssiDbm = rssi;
    c.readMicros = micros;
    c.nowMicros = micros;
    c.track = t;
    return c;
  }

  static long ms(long millis) {
    return T0 + millis * 1000;
  }
}
