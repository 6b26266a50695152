package io.tagflow.gateway.pipeline;

import static io.tagflow.gateway.testing.DockScenario.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.testing.DockScenario;
import io.tagflow.gateway.testing.FakeClock;
import io.tagflow.gateway.testing.PipelineHarness;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DecisionMapperTest {
  private final DecisionMapper mapper = new DecisionMapper("site-1", "gw-1",
      new EventIds(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)));

  @Test
  void toEvent_realMovement_isValidContractEventWithSameFacts() {
    DockScenario scenario = new DockScenario(5).door("D1", 0, "reader-1").door("D2", 4, "reader-2")
        .pass(DockScenario.pallet(7, 3), "D1", Direction.OUT, T0 + 1_000_000, 1.5);
    PipelineHarness h = new PipelineHarness(FilterSettings.defaults(), scenario);
    h.feed(scenario.reads()).runFor(15);
    MovementDecision decision = h.listener.movements.get(0);

    MovementEvent event = mapper.toEvent(decision);

    assertThat(event.door()).isEqualTo("D1");
    assertThat(event.direction()).isEqualTo(io.tagflow.protocol.event.Direction.OUT);
    assertThat(event.palletSscc()).isEqualTo(decision.palletSscc()).hasSize(18);
    assertThat(event.tags()).hasSize(4);
    assertThat(event.tags().get(0).uri()).startsWith("urn:epc:id:");
    assertThat(event.evidence().insideReads() + event.evidence().outsideReads())
        .isEqualTo(decision.tags().stream().mapToInt(MovedTag::reads).sum());
    assertThat(event.movementId().version()).isEqualTo(7);
    // The contract's own codec accepts what the mapper built.
    EventCodec codec = new EventCodec();
    assertThat(codec.decodeMovement(codec.encode(event))).isEqualTo(event);
  }

  @Test
  void toEvent_location_mapsBinsAndRawUriIsDropped() {
    LocationDecision d = new LocationDecision("E2801160600002054C2D4C2B",
        "urn:epc:raw:96.xE2801160600002054C2D4C2B", "A-01", null, FakeClock.atMicros(T0).instant(),
        0.8);

    LocationEvent e = mapper.toEvent(d);

    assertThat(e.bin()).isEqualTo("A-01");
    assertThat(e.from()).isNull();
    assertThat(e.epc()).isEqualTo("E2801160600002054C2D4C2B");
    assertThat(e.confidence()).isEqualTo(0.8);
  }
}
