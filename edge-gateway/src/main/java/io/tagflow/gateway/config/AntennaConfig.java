package io.tagflow.gateway.config;

/**
 * One antenna port of a reader.
 *
 * @param port LLRP AntennaID, 1-based (required)
 * @param txPowerIndex index into the reader's transmit power table; 0 (default) keeps the reader's setting
 * @param receiverSensitivityIndex index into the receive sensitivity table; 0 (default) keeps the reader's setting
 * @param minRssiDbm this antenna's own admission threshold in dBm; null uses {@code filter.minRssiDbm}
 * @param readPoint what the antenna watches (required)
 */
public record AntennaConfig(Integer port, Integer txPowerIndex, Integer receiverSensitivityIndex, Double minRssiDbm,
                            ReadPointConfig readPoint) {
  public AntennaConfig {
    if (port == null) {
      throw new ConfigProblem("port", "is required (the LLRP antenna id, 1..65535)");
    }
    if (port < 1 || port > 0xFFFF) {
      throw new ConfigProblem("port", "expected an antenna id 1..65535, was " + port);
    }
    txPowerIndex = txPowerIndex == null ? 0 : txPowerIndex;
    if (txPowerIndex < 0 || txPowerIndex > 0xFFFF) {
      throw new ConfigProblem("txPowerIndex", "expected 0..65535, was " + txPowerIndex);
    }
    receiverSensitivityIndex = receiverSensitivityIndex == null ? 0 : receiverSensitivityIndex;
    if (receiverSensitivityIndex < 0 || receiverSensitivityIndex > 0xFFFF) {
      throw new ConfigProblem("receiverSensitivityIndex", "expected 0..65535, was " + receiverSensitivityIndex);
    }
    if (minRssiDbm != null && !(minRssiDbm >= -128 && minRssiDbm <= 20)) {
      throw new ConfigProblem("minRssiDbm", "expected -128..20 dBm, was " + minRssiDbm);
    }
    if (readPoint == null) {
      throw new ConfigProblem("readPoint", "is required: {door: D1, side: OUTSIDE} or {zone: A-01}");
    }
  }
}
