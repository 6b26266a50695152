package io.tagflow.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagflow.gateway.testing.FakeClock;
import io.tagflow.gateway.testing.RecordingListener;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

class FilterSettingsTest {

  static Stream<Arguments> badSettings() {
    return Stream.of(
        bad("absenceTimeout must be positive", b -> b.absenceTimeout(Duration.ZERO)),
        bad("arrivalWindow must be positive", b -> b.arrivalWindow(Duration.ofMillis(-1))),
        bad("arrivalReads must be between 1 and 16", b -> b.arrivalReads(0)),
        bad("minRssiDbm must be between -128 and 20", b -> b.minRssiDbm(-200)),
        bad("minRssiDbm must be between -128 and 20", b -> b.minRssiDbm(Double.NaN)),
        bad("hysteresisDb must be a finite value >= 0", b -> b.hysteresisDb(-6)),
        bad("holdOff must not be negative", b -> b.holdOff(Duration.ofMillis(-500))),
        bad("minConfidence must be between 0 and 1", b -> b.minConfidence(1.5)),
        bad("dwellLimit must be longer than absenceTimeout", b -> b.dwellLimit(Duration.ofSeconds(1))),
        bad("zoneSmoothing must be positive", b -> b.zoneSmoothing(Duration.ZERO)),
        bad("quietGap must be positive", b -> b.quietGap(Duration.ZERO)),
        bad("tagRetention must be at least absenceTimeout", b -> b.tagRetention(Duration.ofSeconds(1))),
        bad("maxTags must be between 1 and 10000000", b -> b.maxTags(0)),
        bad("rssiSmoothing", b -> b.rssiSmoothing(null)));
  }

  private static Arguments bad(String message, UnaryOperator<FilterSettings.Builder> change) {
    return Arguments.of(message, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void build_badSetting_rejectedNamingIt(String message, UnaryOperator<FilterSettings.Builder> change) {
    assertThatThrownBy(() -> change.apply(FilterSettings.builder()).build())
        .hasMessageContaining(message);
  }

  @Test
  void defaults_areValidAndDocumentedConstants() {
    FilterSettings s = FilterSettings.defaults();

    assertThat(s.absenceTimeout()).isEqualTo(FilterSettings.DEFAULT_ABSENCE_TIMEOUT);
    assertThat(s.hysteresisDb()).isEqualTo(6.0);
    assertThat(s.holdOff()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.toBuilder().build()).isEqualTo(s);
  }

  @Test
  void pipelineBuilder_missingPartsAndHalfDoors_rejectedNamingThem() {
    FakeClock clock = FakeClock.atMicros(0);
    RecordingListener listener = new RecordingListener();

    assertThatThrownBy(() -> TagPipeline.builder().listener(listener)
        .readPoint("r1", 1, ReadPoint.zone("A")).build()).hasMessage("clock must be set");
    assertThatThrownBy(() -> TagPipeline.builder().clock(clock)
        .readPoint("r1", 1, ReadPoint.zone("A")).build()).hasMessage("listener must be set");
    assertThatThrownBy(() -> TagPipeline.builder().clock(clock).listener(listener).build())
        .hasMessageContaining("readPoints must map at least one antenna");
    assertThatThrownBy(() -> TagPipeline.builder().clock(clock).listener(listener)
        .readPoint("r1", 1, ReadPoint.door("D1", Side.OUTSIDE)).build())
        .hasMessage("readPoints: door D1 has no INSIDE read point");
    assertThatThrownBy(() -> TagPipeline.builder().readPoint("r1", 1, ReadPoint.zone("A"))
        .readPoint("r1", 1, ReadPoint.zone("B"))).hasMessageContaining("mapped twice");
    assertThatThrownBy(() -> TagPipeline.builder().readPoint("r1", 0, ReadPoint.zone("A")))
        .hasMessageContaining("antennaId must be between 1 and 64");
    assertThatThrownBy(() -> TagPipeline.builder().readPoint("r1", 1, ReadPoint.zone("A"), -300))
        .hasMessageContaining("minRssiDbm of antenna r1/1");
    assertThatThrownBy(() -> ReadPoint.door(" ", Side.INSIDE)).hasMessageContaining("door name");
  }
}
