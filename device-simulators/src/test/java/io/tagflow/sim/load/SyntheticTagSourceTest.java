package io.tagflow.sim.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.EpcDecoder;
import io.tagflow.protocol.epc.Sgtin;
import io.tagflow.protocol.llrp.TagReportBatch;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticTagSourceTest {
  private static final long T0 = 1_700_000_000_000_000L;

  /** Rounds every {@code roundMicros} on antennas 1..antennas; returns reads per antenna (index 0 unused). */
  private static long[] run(SyntheticTagSource source, int antennas, long roundMicros, long forMicros, TagReportBatch batch) {
    long[] perAntenna = new long[antennas + 1];
    for (long t = T0; t <= T0 + forMicros; t += roundMicros) {
      for (int a = 1; a <= antennas; a++) {
        batch.clear();
        source.inventoryRound(t, a, batch);
        perAntenna[a] += batch.size();
      }
    }
    return perAntenna;
  }

  @Test
  void inventoryRound_tenSecondsOfRounds_producesTheRateSpreadOverAntennas() {
    SyntheticTagSource source = new SyntheticTagSource(1000, 500, 0);
    long[] perAntenna = run(source, 4, 50_000, 10_000_000, new TagReportBatch());
    long total = perAntenna[1] + perAntenna[2] + perAntenna[3] + perAntenna[4];
    assertThat(total).isEqualTo(10_000).isEqualTo(source.generated());
    for (int a = 1; a <= 4; a++) {
      assertThat(perAntenna[a]).as("antenna %d", a).isBetween(2_300L, 2_700L);
    }
  }

  @Test
  void inventoryRound_oddRateAndJitteryRounds_keepsTheLongRunRateExact() {
    SyntheticTagSource source = new SyntheticTagSource(333.3, 50, 1);
    TagReportBatch batch = new TagReportBatch();
    long t = T0;
    long produced = 0;
    for (int i = 0; i < 2_000; i++) {
      t += 20_000 + (i % 7) * 3_000; // 20..38 ms apart
      batch.clear();
      source.inventoryRound(t, 1, batch);
      produced += batch.size();
    }
    double expected = 333.3 * (t - T0 - 20_000) / 1e6; // the first round only sets the start
    assertThat((double) produced).isCloseTo(expected, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void inventoryRound_epcsAreSgtinsOfTheCompanyPrefix_distinctPerReader() {
    Set<String> reader0 = new HashSet<>();
    Set<String> reader7 = new HashSet<>();
    TagReportBatch batch = new TagReportBatch();
    collect(new SyntheticTagSource(1000, 20, 0), batch, reader0);
    collect(new SyntheticTagSource(1000, 20, 7), batch, reader7);
    assertThat(reader0).hasSize(20);
    assertThat(reader7).hasSize(20).doesNotContainAnyElementsOf(reader0);
    Sgtin sgtin = (Sgtin) EpcDecoder.decode(Epc96.fromHex(reader7.iterator().next()));
    assertThat(sgtin.companyPrefix()).isEqualTo(SyntheticTagSource.COMPANY_PREFIX);
    assertThat(sgtin.itemReference()).isEqualTo("100007");
  }

  private static void collect(SyntheticTagSource source, TagReportBatch batch, Set<String> into) {
    for (long t = T0; t <= T0 + 1_000_000; t += 50_000) {
      batch.clear();
      source.inventoryRound(t, 1, batch);
      for (int i = 0; i < batch.size(); i++) {
        into.add(batch.epcHex(i));
        assertThat(batch.peakRssi(i)).isBetween(-69, -50);
      }
    }
  }

  @Test
  void inventoryRound_steadyState_allocatesNothingPerTag() {
    SyntheticTagSource source = new SyntheticTagSource(100_000, 500, 3);
    TagReportBatch batch = new TagReportBatch(10_000);
    run(source, 4, 50_000, 20_000_000, batch); // warm up the JIT
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    long generatedBefore = source.generated();
    long t = T0 + 20_050_000;
    for (int i = 0; i < 400; i++, t += 50_000) {
      for (int a = 1; a <= 4; a++) {
        batch.clear();
        source.inventoryRound(t, a, batch);
      }
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertThat(source.generated() - generatedBefore).isGreaterThan(1_900_000);
    assertThat(allocated).as("bytes allocated for 2,000,000 reads").isLessThan(16 * 1024);
  }

  @Test
  void constructor_badSettings_nameTheSetting() {
    assertThatThrownBy(() -> new SyntheticTagSource(0, 10, 0)).hasMessageContaining("readsPerSecond");
    assertThatThrownBy(() -> new SyntheticTagSource(10, 0, 0)).hasMessageContaining("population");
    assertThatThrownBy(() -> new SyntheticTagSource(10, 10, -1)).hasMessageContaining("readerIndex");
  }
}
