package io.tagflow.sim.physics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.sim.scenario.ScenarioLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReaderSimAllocationTest {
  @Test
  void advanceTo_steadyState_allocatesNothingPerRead() {
    Scene scene = Scene.build(ScenarioLoader.load(Path.of("scenarios/four-doors.yaml")));
    long[] reads = new long[1];
    ReadSink sink = (r, port, hi, lo, rssi, t) -> reads[0]++;
    // Warm up past the first movements so scratch arrays have grown and the JIT has compiled.
    scene.advanceTo(60_000_000L, sink);
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    long readsBefore = reads[0];
    for (long t = 60_000_000L; t <= 120_000_000L; t += 100_000) {
      scene.advanceTo(t, sink);
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    long made = reads[0] - readsBefore;
    assertThat(made).isGreaterThan(50_000);
    // A few kilobytes of slack for the measurement itself and rare scratch growth; not per read.
    assertThat(allocated).as("bytes allocated for %d reads", made).isLessThan(64 * 1024);
  }
}
