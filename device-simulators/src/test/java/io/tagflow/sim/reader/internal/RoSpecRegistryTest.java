package io.tagflow.sim.reader.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.reader.ReaderSettings;
import io.tagflow.gateway.reader.internal.ReaderMessages;
import io.tagflow.protocol.llrp.LlrpStatusCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.llrp.ltk.generated.enumerations.ROSpecStartTriggerType;
import org.llrp.ltk.generated.enumerations.ROSpecState;
import org.llrp.ltk.generated.parameters.ROSpec;
import org.llrp.ltk.types.UnsignedInteger;

class RoSpecRegistryTest {
  private final List<String> events = new ArrayList<>();
  private final RoSpecRegistry registry = new RoSpecRegistry(new RoSpecRegistry.Listener() {
    @Override
    public void activated(ROSpec spec) {
      events.add("start " + spec.getROSpecID());
    }

    @Override
    public void deactivated(ROSpec spec) {
      events.add("stop " + spec.getROSpecID());
    }
  });

  private static ROSpec spec(long id) {
    ROSpec spec = ReaderMessages.addRoSpec(ReaderSettings.builder("r", "h").build()).getROSpec();
    spec.setROSpecID(new UnsignedInteger(id));
    return spec;
  }

  @Test
  void lifecycle_addEnableStartStopDisableDelete_movesThroughTheSpecStates() {
    assertThat(registry.add(spec(5))).isEqualTo(Outcome.OK);
    assertThat(registry.state(5)).isEqualTo(ROSpecState.Disabled);
    assertThat(registry.enable(5)).isEqualTo(Outcome.OK);
    assertThat(registry.state(5)).isEqualTo(ROSpecState.Inactive);
    assertThat(registry.start(5)).isEqualTo(Outcome.OK);
    assertThat(registry.state(5)).isEqualTo(ROSpecState.Active);
    assertThat(registry.stop(5)).isEqualTo(Outcome.OK);
    assertThat(registry.state(5)).isEqualTo(ROSpecState.Inactive);
    assertThat(registry.disable(5)).isEqualTo(Outcome.OK);
    assertThat(registry.state(5)).isEqualTo(ROSpecState.Disabled);
    assertThat(registry.delete(5)).isEqualTo(Outcome.OK);
    assertThat(registry.all()).isEmpty();
    assertThat(events).containsExactly("start 5", "stop 5");
  }

  @Test
  void add_existingId_isInvalid() {
    registry.add(spec(5));
    Outcome outcome = registry.add(spec(5));
    assertThat(outcome.code()).isEqualTo(LlrpStatusCode.A_INVALID);
    assertThat(outcome.description()).isEqualTo("ROSpec 5 already exists");
  }

  @Test
  void add_idZeroOrNotDisabled_isInvalid() {
    assertThat(registry.add(spec(0)).code()).isEqualTo(LlrpStatusCode.A_INVALID);
    ROSpec active = spec(6);
    active.setCurrentState(new ROSpecState(ROSpecState.Active));
    assertThat(registry.add(active).description()).contains("must be added in state Disabled");
  }

  @Test
  void start_disabledSpec_isInvalidAndDoesNotRun() {
    registry.add(spec(5));
    Outcome outcome = registry.start(5);
    assertThat(outcome.code()).isEqualTo(LlrpStatusCode.A_INVALID);
    assertThat(outcome.description()).contains("disabled");
    assertThat(events).isEmpty();
  }

  @Test
  void unknownId_isInvalidForEveryOperation() {
    assertThat(List.of(registry.enable(9), registry.start(9), registry.stop(9), registry.disable(9), registry.delete(9)))
        .allSatisfy(o -> assertThat(o.description()).isEqualTo("no ROSpec with ROSpecID 9"));
  }

  @Test
  void stop_inactiveSpec_isInvalid() {
    registry.add(spec(5));
    registry.enable(5);
    assertThat(registry.stop(5).description()).isEqualTo("ROSpec 5 is not active");
  }

  @Test
  void deleteAll_stopsTheActiveSpecAndRemovesEverything() {
    registry.add(spec(1));
    registry.add(spec(2));
    registry.enable(0);
    registry.start(1);
    assertThat(registry.delete(0)).isEqualTo(Outcome.OK);
    assertThat(registry.all()).isEmpty();
    assertThat(events).containsExactly("start 1", "stop 1");
    assertThat(registry.delete(0)).isEqualTo(Outcome.OK);
  }

  @Test
  void start_whileAnotherIsActive_isInvalid() {
    registry.add(spec(1));
    registry.add(spec(2));
    registry.enable(0);
    registry.start(1);
    assertThat(registry.start(2).description()).contains("ROSpec 1 is active");
    assertThat(registry.state(2)).isEqualTo(ROSpecState.Inactive);
  }

  @Test
  void enable_immediateStartTrigger_startsAtOnce() {
    ROSpec spec = spec(3);
    spec.getROBoundarySpec().getROSpecStartTrigger().setROSpecStartTriggerType(new ROSpecStartTriggerType(ROSpecStartTriggerType.Immediate));
    registry.add(spec);
    registry.enable(3);
    assertThat(registry.state(3)).isEqualTo(ROSpecState.Active);
    assertThat(registry.start(3).description()).contains("start trigger other than Null");
  }

  @Test
  void add_periodicStartTrigger_isAFieldError() {
    ROSpec spec = spec(3);
    spec.getROBoundarySpec().getROSpecStartTrigger().setROSpecStartTriggerType(new ROSpecStartTriggerType(ROSpecStartTriggerType.Periodic));
    assertThat(registry.add(spec).code()).isEqualTo(LlrpStatusCode.P_FIELD_ERROR);
  }
}
