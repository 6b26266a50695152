package io.tagflow.sim.physics;

/**
 * Receives the reads a simulated reader makes, one call per tag read (what an LLRP TagReportData with
 * AntennaID, PeakRSSI and FirstSeenTimestampUTC carries). This is the seam between the scene and
 * whatever consumes reads: the LLRP reader endpoint's tag source, an in-process pipeline, a counter.
 *
 * <p>Contract: called on the thread that advances the reader, in time order per reader; the arguments
 * are primitives so a sink can copy them into flat structures and allocate nothing. A sink must not
 * call back into the reader.
 */
@FunctionalInterface
public interface ReadSink {
  /**
   * One read.
   *
   * @param reader the reader's index in the scenario's readers list
   * @param antennaPort the antenna port, 1-based (LLRP AntennaID)
   * @param epcHigh EPC bits 95..32 (see {@code Epc96})
   * @param epcLow EPC bits 31..0
   * @param rssiDbm measured RSSI, dBm
   * @param micros virtual time of the read, microseconds since the scenario start
   */
  void onRead(int reader, int antennaPort, long epcHigh, int epcLow, double rssiDbm, long micros);
}
