package io.tagflow.controlplane.anomaly;

import io.tagflow.protocol.event.GatewayHealthEvent;
import io.tagflow.protocol.event.GatewayStatus;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Raises a critical {@link AnomalyType#GATEWAY_OFFLINE} for an OFFLINE health event (normally the
 * gateway's MQTT will), and resolves it when the gateway reports ONLINE again (only one raised since this
 * process started). A will is built when the gateway's session starts, so its {@code at} is the session
 * start, not the loss (see {@link GatewayHealthEvent}): the anomaly's time is the clock's now, when the
 * control plane received it. The key is gateway and the event's {@code at}, one per session, so the
 * retained will re-delivered after a restart raises the same id.
 *
 * <p>Thread-safe; nothing blocks.
 */
public final class GatewayOfflineRule {
  private final Clock clock;
  private final Map<String, String> raised = new HashMap<>();

  public GatewayOfflineRule(Clock clock) {
    this.clock = clock;
  }

  public synchronized DeviceVerdict check(GatewayHealthEvent e) {
    String gateway = e.site() + "/" + e.gateway();
    if (e.status() == GatewayStatus.ONLINE) {
      return DeviceVerdict.recover(raised.remove(gateway));
    }
    Anomaly a = Anomaly.builder(AnomalyType.GATEWAY_OFFLINE, e.site(), clock.instant())
        .key(e.gateway() + "\n" + e.at())
        .severity(Severity.CRITICAL)
        .detail("gateway " + e.gateway() + " went offline (session started " + e.at() + ")")
        .build();
    raised.put(gateway, a.id());
    return DeviceVerdict.raise(a);
  }
}
