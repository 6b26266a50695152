package io.tagflow.bench;

import io.tagflow.gateway.pipeline.DecisionListener;
import io.tagflow.gateway.pipeline.TagPipeline;
import io.tagflow.protocol.llrp.RoAccessReportDecoder;
import io.tagflow.protocol.llrp.TagReportBatch;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Locale;

/**
 * Pipeline throughput on one thread: every report of a {@link DockTraffic} is decoded from its
 * RO_ACCESS_REPORT bytes by {@link RoAccessReportDecoder} into a reused batch and fed to
 * {@link TagPipeline#onBatch}; the pipeline is ticked once per step (every reader's report of
 * {@link DockTraffic#STEP_MILLIS} of reader time). The gateway clock follows reader time.
 *
 * <p>Each round replays the whole traffic into a fresh pipeline (so first sightings, crossings and
 * forgetting all happen, as at a real dock); warm-up rounds are discarded and the median of the
 * measured rounds is reported, by wall-clock and by the thread's CPU time ({@link
 * ThreadMXBean#getCurrentThreadCpuTime()}, which load from other processes disturbs less: they take
 * the core away, which stretches wall time but not this thread's CPU time). A decode-only round, alternating with the full rounds, shows how the
 * time splits.
 */
final class ThroughputRun {
  /** Reads per second (wall and CPU), decode-only reads per second (wall and CPU), and decisions per round. */
  record Figures(double readsPerS, double readsPerCpuS, double decodeOnlyReadsPerS, double decodeOnlyReadsPerCpuS,
                 long movementsPerRound) {
  }

  private final DockTraffic traffic;
  private final PrintStream out;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private String stages = "";

  ThroughputRun(DockTraffic traffic, PrintStream out) {
    this.traffic = traffic;
    this.out = out;
  }

  /** Runs {@code warmup} discarded and {@code rounds} measured rounds. */
  Figures run(int warmup, int rounds) {
    double[] wall = new double[rounds];
    double[] cpu = new double[rounds];
    double[] decodeOnly = new double[rounds];
    double[] decodeOnlyCpu = new double[rounds];
    long movements = 0;
    for (int i = -warmup; i < rounds; i++) {
      long[] counts = new long[1];
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      long reads = fullRound(counts);
      long w1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      long dc0 = threads.getCurrentThreadCpuTime();
      long d0 = System.nanoTime();
      long decoded = decodeRound();
      long d1 = System.nanoTime();
      long dc1 = threads.getCurrentThreadCpuTime();
      if (reads != traffic.reads || decoded != traffic.reads) {
        throw new IllegalStateException("decoded " + reads + " reads, encoded " + traffic.reads);
      }
      double perS = reads / ((w1 - w0) / 1e9);
      out.printf(Locale.ROOT, "pipeline: %s round %d: %,d reads in %.0f ms: %,.0f reads/s (cpu %,.0f/s), "
              + "decode only %,.0f reads/s (cpu %,.0f/s), %d movements%n", i < 0 ? "warm-up" : "measured",
          i < 0 ? i + warmup + 1 : i + 1, reads, (w1 - w0) / 1e6, perS, reads / ((c1 - c0) / 1e9),
          decoded / ((d1 - d0) / 1e9), decoded / ((dc1 - dc0) / 1e9), counts[0]);
      if (i >= 0) {
        wall[i] = perS;
        cpu[i] = reads / ((c1 - c0) / 1e9);
        decodeOnly[i] = decoded / ((d1 - d0) / 1e9);
        decodeOnlyCpu[i] = decoded / ((dc1 - dc0) / 1e9);
        movements = counts[0];
      }
    }
    out.println("pipeline: stage counts of the last round: " + stages);
    return new Figures(median(wall), median(cpu), median(decodeOnly), median(decodeOnlyCpu), movements);
  }

  private long fullRound(long[] movements) {
    ReaderClock clock = new ReaderClock();
    TagPipeline pipeline = DockTraffic.readPoints(TagPipeline.builder(), traffic.readers)
        .clock(clock).listener(DecisionListener.movementsTo(m -> movements[0]++)).build();
    String[] ids = new String[traffic.readers];
    Arrays.setAll(ids, DockTraffic::readerId);
    RoAccessReportDecoder decoder = new RoAccessReportDecoder();
    TagReportBatch batch = new TagReportBatch(64);
    long reads = 0;
    for (int s = 0; s < traffic.steps; s++) {
      clock.millis = DockTraffic.START_MICROS / 1000 + (s + 1) * DockTraffic.STEP_MILLIS;
      for (int r = 0; r < traffic.readers; r++) {
        int i = s * traffic.readers + r;
        reads += decoder.decode(traffic.bytes, traffic.offsets[i], traffic.lengths[i], batch);
        pipeline.onBatch(ids[r], batch);
      }
      pipeline.tick();
    }
    stages = pipeline.stageCounts().toString();
    return reads;
  }

  private long decodeRound() {
    RoAccessReportDecoder decoder = new RoAccessReportDecoder();
    TagReportBatch batch = new TagReportBatch(64);
    long reads = 0;
    for (int i = 0; i < traffic.offsets.length; i++) {
      reads += decoder.decode(traffic.bytes, traffic.offsets[i], traffic.lengths[i], batch);
    }
    return reads;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Gateway time that follows the readers' time, step by step. */
  private static final class ReaderClock implements InstantSource {
    long millis = DockTraffic.START_MICROS / 1000;

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
      return millis;
    }
  }
}
