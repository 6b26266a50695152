package io.tagflow.bench;

import io.tagflow.gateway.pipeline.DecisionListener;
import io.tagflow.gateway.pipeline.ReadPoint;
import io.tagflow.gateway.pipeline.Side;
import io.tagflow.gateway.pipeline.TagPipeline;
import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.EpcDecoder;
import io.tagflow.protocol.epc.EpcEncoder;
import io.tagflow.protocol.llrp.TagField;
import io.tagflow.protocol.llrp.TagReportBatch;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The gateway filter's hot path: EPC company-prefix matching (allocation-free fast path against a
 * full decode, side by side) and a whole pipeline fed RO_ACCESS_REPORT batches of 100 known tags at
 * two door and two zone antennas, in steady state.
 *
 * <p>Run: {@code ./tagflow bench epc} (or {@code java -jar benchmarks/target/tagflow-benchmarks-*-all.jar
 * epc}). For whole-pipeline throughput from report bytes, publish latency and memory see {@link PipelineBench}. One fork, 3 x 1 s warm-up, 5 x 1 s measurement, with JMH's
 * GC profiler for bytes allocated per operation. Prints JMH's table, then
 * {@code RESULT prefix_key_ns=... full_decode_ns=... decode_ratio=... batch_ns_per_read=...
 * batch_bytes_per_read=...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EpcBench {
  static final int TAGS = 100;

  private Epc96[] epcs;
  private int next;
  private TagPipeline pipeline;
  private TagReportBatch batch;
  private MutableClock clock;
  private int batches;

  /** Gateway time the benchmark moves forward by hand. */
  static final class MutableClock implements InstantSource {
    long millis = 1_700_000_000_000L;

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
      return millis;
    }
  }

  @Setup
  public void setup() {
    epcs = new Epc96[TAGS];
    for (int i = 0; i < TAGS; i++) {
      epcs[i] = i % 10 == 0 ? EpcEncoder.sscc96(2, "0614141", String.format("1%09d", i))
          : EpcEncoder.sgtin96(3, "0614141", "812345", i);
    }
    clock = new MutableClock();
    pipeline = TagPipeline.builder().clock(clock).listener(DecisionListener.NONE)
        .readPoint("r1", 1, ReadPoint.door("D1", Side.OUTSIDE))
        .readPoint("r1", 2, ReadPoint.door("D1", Side.INSIDE))
        .readPoint("r1", 3, ReadPoint.zone("A-01"))
        .readPoint("r1", 4, ReadPoint.zone("A-02"))
        .build();
    batch = new TagReportBatch();
  }

  @Benchmark
  public long prefixKeyFastPath() {
    Epc96 e = epcs[next++ % TAGS];
    return EpcDecoder.companyPrefixKey(e.high(), e.low());
  }

  @Benchmark
  public String fullDecode() {
    Epc96 e = epcs[next++ % TAGS];
    return EpcDecoder.decode(e).companyPrefix();
  }

  /** One report of {@link #TAGS} reads (antennas round-robin); a tick every 10 reports. */
  @Benchmark
  public int pipelineBatch() {
    clock.millis += 10;
    long micros = clock.millis * 1000;
    batch.clear();
    for (int i = 0; i < TAGS; i++) {
      Epc96 e = epcs[i];
      int k = batch.addEpc96(e.high(), e.low());
      batch.set(k, TagField.ANTENNA_ID, 1 + (i + batches) % 4)
          .set(k, TagField.PEAK_RSSI, -45 - (i + batches) % 20)
          .set(k, TagField.LAST_SEEN_TIMESTAMP_UTC, micros);
    }
    pipeline.onBatch("r1", batch);
    if (++batches % 10 == 0) {
      pipeline.tick();
    }
    return pipeline.trackedTags();
  }

  /** The launcher behind {@code ./tagflow bench epc}. */
  static final class Launcher implements BenchMain.Benchmark {
    @Override
    public String description() {
      return "EPC prefix fast path vs full decode; pipeline ns and bytes per read";
    }

    @Override
    public int run(String[] args) throws Exception {
      Collection<RunResult> results = new Runner(new OptionsBuilder()
          .include(EpcBench.class.getName() + "\\.")
          .addProfiler(GCProfiler.class)
          .build()).run();
      double prefix = Double.NaN;
      double decode = Double.NaN;
      double batchNs = Double.NaN;
      double batchBytes = Double.NaN;
      for (RunResult r : results) {
        String label = r.getParams().getBenchmark();
        double score = r.getPrimaryResult().getScore();
        if (label.endsWith("prefixKeyFastPath")) {
          prefix = score;
        } else if (label.endsWith("fullDecode")) {
          decode = score;
        } else if (label.endsWith("pipelineBatch")) {
          batchNs = score / TAGS;
          var alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
          batchBytes = alloc == null ? Double.NaN : alloc.getScore() / TAGS;
        }
      }
      System.out.printf(java.util.Locale.ROOT,
          "RESULT prefix_key_ns=%.1f full_decode_ns=%.1f decode_ratio=%.1f batch_ns_per_read=%.1f"
              + " batch_bytes_per_read=%.3f%n", prefix, decode, decode / prefix, batchNs, batchBytes);
      return 0;
    }
  }
}
