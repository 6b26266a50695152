package io.tagflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.protocol.llrp.TagReportBatch;
import io.tagflow.sim.reader.TagSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SceneStartTest {
  private static final long T = 1_700_000_000_000_000L;
  private final List<Long> sceneTimes = new ArrayList<>();
  private final TagSource scene = (now, antenna, out) -> sceneTimes.add(now);
  private final AtomicInteger starts = new AtomicInteger();
  private final SceneStart start = new SceneStart(starts::incrementAndGet);
  private final TagReportBatch batch = new TagReportBatch();

  @Test
  void feeding_beforeOpen_seesNothingAndDoesNotStart() {
    TagSource reader = start.feeding(scene);

    reader.inventoryRound(T, 1, batch);
    reader.inventoryRound(T + 5_000_000, 1, batch);

    assertThat(sceneTimes).isEmpty();
    assertThat(starts).hasValue(0);
  }

  @Test
  void feeding_afterOpen_startsOnTheFirstRoundPlusTheLead() {
    TagSource reader = start.feeding(scene);
    reader.inventoryRound(T, 1, batch);
    start.open();

    reader.inventoryRound(T + 10, 1, batch);
    reader.inventoryRound(T + 10 + SceneStart.LEAD_MICROS - 1, 1, batch);
    reader.inventoryRound(T + 10 + SceneStart.LEAD_MICROS + 250, 1, batch);

    assertThat(sceneTimes).containsExactly(250L);
    assertThat(starts).hasValue(1);
  }

  @Test
  void feeding_twoReaders_shareOneClock() {
    TagSource first = start.feeding(scene);
    TagSource second = start.feeding(scene);
    start.open();

    first.inventoryRound(T, 1, batch);
    second.inventoryRound(T + 3_000_000, 2, batch);
    first.inventoryRound(T + 4_000_000, 1, batch);

    assertThat(sceneTimes).containsExactly(2_000_000L, 3_000_000L);
    assertThat(starts).hasValue(1);
  }
}
