package io.tagflow.controlplane.anomaly;

import java.util.List;

/**
 * What a device status event means: anomalies to raise, and ids of anomalies this rule raised earlier
 * that the device's recovery resolves (by {@link Anomaly#SYSTEM}).
 */
public record DeviceVerdict(List<Anomaly> raised, List<String> recovered) {
  public static final DeviceVerdict NOTHING = new DeviceVerdict(List.of(), List.of());

  public DeviceVerdict {
    raised = List.copyOf(raised);
    recovered = List.copyOf(recovered);
  }

  static DeviceVerdict raise(Anomaly a) {
    return new DeviceVerdict(List.of(a), List.of());
  }

  static DeviceVerdict recover(String anomalyId) {
    return anomalyId == null ? NOTHING : new DeviceVerdict(List.of(), List.of(anomalyId));
  }
}
