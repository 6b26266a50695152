package io.tagflow.gateway.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.pipeline.EpcPattern;
import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.EpcEncoder;
import io.tagflow.protocol.epc.EpcScheme;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionStageTest {
  private final ReadPoints rps = Reads.layout();

  private static ReadContext read(Epc96 epc, int readPoint, double rssi, double antennaMin) {
    ReadContext c = new ReadContext();
    c.epcHigh = epc.high();
    c.epcLow = epc.low();
    c.readPoint = readPoint;
    c.antennaMinRssi = antennaMin;
    c.rssiDbm = rssi;
    return c;
  }

  @Test
  void onRead_includePrefixAndExcludeScheme_admitsOnlyMatching() {
    AdmissionStage stage = new AdmissionStage(-80,
        List.of(EpcPattern.prefix(EpcScheme.SGTIN_96, "0614141"), EpcPattern.scheme(EpcScheme.SSCC_96)),
        List.of(EpcPattern.prefix(EpcScheme.SSCC_96, "0999999")));

    assertThat(stage.onRead(read(Reads.sgtin(1), 0, -60, Double.NaN))).isTrue();
    assertThat(stage.onRead(read(EpcEncoder.sgtin96(3, "0614142", "812345", 1), 0, -60, Double.NaN)))
        .as("other company prefix").isFalse();
    assertThat(stage.onRead(read(EpcEncoder.sscc96(0, "0614141", "1234567890"), 0, -60, Double.NaN)))
        .isTrue();
    assertThat(stage.onRead(read(EpcEncoder.sscc96(0, "0999999", "1234567890"), 0, -60, Double.NaN)))
        .as("excluded prefix").isFalse();
    assertThat(stage.onRead(read(Epc96.fromHex("E2801160600002054C2D4C2B"), 0, -60, Double.NaN)))
        .as("raw EPC, not included").isFalse();
    assertThat(stage.filtered()).isEqualTo(3);
    assertThat(stage.counters().in()).isEqualTo(5);
    assertThat(stage.counters().out()).isEqualTo(2);
  }

  @Test
  void onRead_belowAntennaMinimum_dropped() {
    AdmissionStage stage = new AdmissionStage(-80, List.of(), List.of());

    assertThat(stage.onRead(read(Reads.sgtin(1), 0, -70, Double.NaN))).isTrue();
    assertThat(stage.onRead(read(Reads.sgtin(1), 0, -70, -65))).as("antenna minimum -65").isFalse();
    assertThat(stage.onRead(read(Reads.sgtin(1), 0, -81, Double.NaN))).isFalse();
    assertThat(stage.weak()).isEqualTo(2);
  }

  @Test
  void onRead_unmappedAntenna_droppedAndCounted() {
    AdmissionStage stage = new AdmissionStage(-80, List.of(), List.of());

    assertThat(stage.onRead(read(Reads.sgtin(1), -1, -40, Double.NaN))).isFalse();
    assertThat(stage.unmapped()).isEqualTo(1);
    assertThat(rps.ports("nobody")).isNull();
    assertThat(rps.ports("r1").readPoint(9)).isEqualTo(-1);
  }
}
