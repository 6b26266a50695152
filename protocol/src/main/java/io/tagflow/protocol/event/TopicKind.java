package io.tagflow.protocol.event;

/** The kinds of topic in the contract, with the last topic level that names each. */
public enum TopicKind {
  /** {@code .../{site}/{gateway}/movements}: {@link MovementEvent}, QoS 1, not retained. */
  MOVEMENTS("movements"),
  /** {@code .../{site}/{gateway}/locations}: {@link LocationEvent}, QoS 1, not retained. */
  LOCATIONS("locations"),
  /** {@code .../{site}/{gateway}/readers/{reader}/status}: {@link ReaderStatusEvent}, QoS 1, retained. */
  READER_STATUS("status"),
  /** {@code .../{site}/{gateway}/health}: {@link GatewayHealthEvent}, QoS 1, retained, also the MQTT will. */
  HEALTH("health");

  private final String level;

  TopicKind(String level) {
    this.level = level;
  }

  /** The last topic level of this kind. */
  public String level() {
    return level;
  }

  /** Whether producers publish this kind retained (MQTT 5 §3.3.1.3). */
  public boolean retained() {
    return this == READER_STATUS || this == HEALTH;
  }
}
