package io.tagflow.gateway.reader;

/**
 * One antenna port of a reader and its RF settings, sent in SET_READER_CONFIG (LLRP 1.1 §12.2.6,
 * §13.2.6 AntennaConfiguration).
 *
 * @param id the antenna port, 1-based as in LLRP
 * @param txPowerIndex index into the reader's TransmitPowerLevelTable (GET_READER_CAPABILITIES,
 *     LLRP 1.1 §10.2.4); 0 leaves the reader's current power
 * @param receiverSensitivityIndex index into the ReceiveSensitivityTable; 0 leaves the reader's setting
 */
public record AntennaSettings(int id, int txPowerIndex, int receiverSensitivityIndex) {
  public AntennaSettings {
    if (id < 1 || id > 0xFFFF) {
      throw new IllegalArgumentException("antenna id must be 1..65535, was " + id);
    }
    if (txPowerIndex < 0 || txPowerIndex > 0xFFFF) {
      throw new IllegalArgumentException("antenna " + id + " txPowerIndex must be 0..65535, was " + txPowerIndex);
    }
    if (receiverSensitivityIndex < 0 || receiverSensitivityIndex > 0xFFFF) {
      throw new IllegalArgumentException("antenna " + id + " receiverSensitivityIndex must be 0..65535, was " + receiverSensitivityIndex);
    }
  }

  /** An antenna that keeps the reader's own power and sensitivity. */
  public static AntennaSettings of(int id) {
    return new AntennaSettings(id, 0, 0);
  }
}
