package io.tagflow.sim.scenario;

import java.util.List;

/**
 * A fixed reader. Its antennas are declared where they hang (doors and zones) and name it.
 *
 * @param id reader id
 * @param llrpPort the TCP port its simulated LLRP endpoint listens on, on 127.0.0.1
 * @param txPowerDbm the transmit power table, dBm per index (LLRP TransmitPowerLevelTableEntry; index 1
 *     is the first entry)
 * @param txPowerIndex the index in use, 1-based
 * @param sensitivityDbm receiver sensitivity, dBm (a backscattered reply weaker than this is lost)
 * @param maxReadRate the most tags per second the reader singulates, in dense-reader mode
 * @param antennaDwellMs how long it inventories on one antenna before switching to the next
 *     (LLRP AISpecStopTrigger duration)
 */
public record ReaderSpec(String id, Integer llrpPort, List<Double> txPowerDbm, Integer txPowerIndex,
                         Double sensitivityDbm, Double maxReadRate, Double antennaDwellMs) {
  /** Impinj Speedway R420 datasheet: -84 dBm receive sensitivity. */
  public static final double DEFAULT_SENSITIVITY_DBM = -84.0;
  public static final double DEFAULT_MAX_READ_RATE = 1000.0;
  public static final double DEFAULT_ANTENNA_DWELL_MS = 50.0;

  public ReaderSpec {
    txPowerDbm = txPowerDbm == null ? defaultPowerTable() : List.copyOf(txPowerDbm);
    txPowerIndex = txPowerIndex == null ? txPowerDbm.size() : txPowerIndex;
    sensitivityDbm = sensitivityDbm == null ? DEFAULT_SENSITIVITY_DBM : sensitivityDbm;
    maxReadRate = maxReadRate == null ? DEFAULT_MAX_READ_RATE : maxReadRate;
    antennaDwellMs = antennaDwellMs == null ? DEFAULT_ANTENNA_DWELL_MS : antennaDwellMs;
  }

  /** 10.0 to 30.0 dBm in 0.25 dB steps, like an R420's table (81 entries). */
  public static List<Double> defaultPowerTable() {
    Double[] table = new Double[81];
    for (int i = 0; i < table.length; i++) {
      table[i] = 10.0 + i * 0.25;
    }
    return List.of(table);
  }
}
