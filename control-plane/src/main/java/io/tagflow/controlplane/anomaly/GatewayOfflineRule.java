package io.tagflow.controlplane.anomaly;

import io.tagflow.protocol.event.GatewayHealthEvent;
import io.tagflow.protocol.event.GatewayStatus;
import java.time.Clock;
import java.util.List;

/**
 * Raises a critical {@link AnomalyType#GATEWAY_OFFLINE} for every OFFLINE health event (normally the
 * gateway's MQTT will). A will is built when the gateway's session starts, so its {@code at} is the
 * session start, not the loss (see {@link GatewayHealthEvent}): the anomaly's time is the clock's now,
 * when the control plane received it. The key is gateway and the event's {@code at}, one per session,
 * so the retained will re-delivered after a restart raises the same id.
 */
public final class GatewayOfflineRule {
  private final Clock clock;

  public GatewayOfflineRule(Clock clock) {
    this.clock = clock;
  }

  public List<Anomaly> check(GatewayHealthEvent e) {
    if (e.status() != GatewayStatus.OFFLINE) {
      return List.of();
    }
    return List.of(Anomaly.builder(AnomalyType.GATEWAY_OFFLINE, e.site(), clock.instant())
        .key(e.gateway() + "\n" + e.at())
        .severity(Severity.CRITICAL)
        .detail("gateway " + e.gateway() + " went offline (session started " + e.at() + ")")
        .build());
  }
}
