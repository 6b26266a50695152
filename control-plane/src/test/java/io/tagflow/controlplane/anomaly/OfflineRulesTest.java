package io.tagflow.controlplane.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.controlplane.fixtures.FakeClock;
import io.tagflow.protocol.event.GatewayHealthEvent;
import io.tagflow.protocol.event.GatewayStatus;
import io.tagflow.protocol.event.ReaderState;
import io.tagflow.protocol.event.ReaderStatusEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link ReaderOfflineRule} and {@link GatewayOfflineRule}. */
class OfflineRulesTest {
  static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

  static ReaderStatusEvent reader(ReaderState state, int second) {
    return ReaderStatusEvent.of("dc1", "gw-1", "r-1", state, T0.plusSeconds(second), "because");
  }

  @Test
  void readerCheck_connectedThenDisconnected_raisesWarningOnce() {
    ReaderOfflineRule rule = new ReaderOfflineRule();

    assertThat(rule.check(reader(ReaderState.CONNECTED, 0))).isEqualTo(DeviceVerdict.NOTHING);
    assertThat(rule.check(reader(ReaderState.DISCONNECTED, 10)).raised()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyType.READER_OFFLINE);
      assertThat(a.severity()).isEqualTo(Severity.WARNING);
      assertThat(a.detail()).contains("r-1").contains("gw-1").contains("because");
    });
    assertThat(rule.check(reader(ReaderState.DISCONNECTED, 20))).isEqualTo(DeviceVerdict.NOTHING);
    assertThat(rule.check(reader(ReaderState.CONNECTING, 30))).isEqualTo(DeviceVerdict.NOTHING);
  }

  @Test
  void readerCheck_faultThenConnected_raisesCriticalThenResolvesIt() {
    ReaderOfflineRule rule = new ReaderOfflineRule();
    Anomaly fault = rule.check(reader(ReaderState.FAULT, 40)).raised().get(0);

    DeviceVerdict back = rule.check(reader(ReaderState.CONNECTED, 50));

    assertThat(fault.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(back.recovered()).containsExactly(fault.id());
    assertThat(back.raised()).isEmpty();
    assertThat(rule.check(reader(ReaderState.CONNECTED, 60))).as("resolved once").isEqualTo(DeviceVerdict.NOTHING);
  }

  @Test
  void readerCheck_retainedStatusAfterRestart_sameId() {
    Anomaly first = new ReaderOfflineRule().check(reader(ReaderState.DISCONNECTED, 10)).raised().get(0);
    Anomaly replayed = new ReaderOfflineRule().check(reader(ReaderState.DISCONNECTED, 10)).raised().get(0);

    assertThat(replayed.id()).isEqualTo(first.id());
  }

  @Test
  void gatewayCheck_offlineWill_raisesCriticalAtReceiptTimeAndOnlineResolves() {
    FakeClock clock = new FakeClock(T0.plus(Duration.ofHours(5)));
    GatewayOfflineRule rule = new GatewayOfflineRule(clock);

    assertThat(rule.check(GatewayHealthEvent.of("dc1", "gw-1", GatewayStatus.ONLINE, T0, "1.0")))
        .isEqualTo(DeviceVerdict.NOTHING);
    Anomaly a = rule.check(GatewayHealthEvent.of("dc1", "gw-1", GatewayStatus.OFFLINE, T0, "1.0")).raised().get(0);
    assertThat(a.type()).isEqualTo(AnomalyType.GATEWAY_OFFLINE);
    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(a.at()).isEqualTo(clock.instant());

    clock.advance(Duration.ofMinutes(1));
    assertThat(rule.check(GatewayHealthEvent.of("dc1", "gw-1", GatewayStatus.OFFLINE, T0, "1.0")).raised().get(0).id())
        .as("the same will re-delivered").isEqualTo(a.id());
    assertThat(rule.check(GatewayHealthEvent.of("dc1", "gw-1", GatewayStatus.ONLINE, T0.plusSeconds(90), "1.0"))
        .recovered()).containsExactly(a.id());
  }
}
