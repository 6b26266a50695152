package io.tagflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./tagflow bench decode}: runs {@link RoAccessReportDecodeBenchmark} (tagflow and the LLRP
 * Toolkit side by side, in one JMH run with one fork and the gc profiler), then prints both
 * throughputs in tags per second (medians over the measurement iterations), their ratio and the
 * bytes tagflow allocates per tag, ending with
 * {@code RESULT tagflow_tags_per_s=... ltk_tags_per_s=... ratio=... alloc_bytes_per_tag=...}
 * followed by {@code tagflow_tags_per_cpu_s=... ltk_tags_per_cpu_s=... cpu_ratio=...}: the same
 * two operations timed by thread CPU time instead of wall-clock time (see
 * {@link #tagsPerCpuSecond}), which stays meaningful on a machine shared with other work.
 *
 * <p>Build and run: {@code ./mvnw -B -o -q -DskipTests package -pl benchmarks -am}, then
 * {@code java -jar benchmarks/target/tagflow-benchmarks-*-all.jar decode}. It takes about two
 * minutes; {@code decode --quick} is a shorter smoke run whose figures are not to be quoted.
 */
final class DecodeBench implements BenchMain.Benchmark {
  @Override
  public String description() {
    return "RO_ACCESS_REPORT decode, 100 tags: tagflow vs LLRP Toolkit (JMH, gc profiler)";
  }

  @Override
  public int run(String[] args) throws Exception {
    boolean quick = args.length > 0 && args[0].equals("--quick");
    String benchmark = RoAccessReportDecodeBenchmark.class.getName();
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + benchmark.replace(".", "\\.") + "\\.")
        .forks(1)
        .jvmArgsAppend("-Xms1g", "-Xmx1g")
        .warmupIterations(quick ? 1 : 5)
        .warmupTime(TimeValue.seconds(quick ? 1 : 4))
        .measurementIterations(quick ? 2 : 8)
        .measurementTime(TimeValue.seconds(quick ? 1 : 4))
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true);
    Collection<RunResult> results;
    try {
      results = new Runner(options.build()).run();
    } catch (RunnerException e) {
      // Typically another JMH run holds /tmp/jmh.lock; running side by side would skew both.
      System.err.println("decode benchmark did not run: " + e.getMessage());
      return 1;
    }

    double tagflow = 0;
    double ltk = 0;
    double tagflowAlloc = Double.NaN;
    double ltkAlloc = Double.NaN;
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      double opsPerSecond = result.getPrimaryResult().getStatistics().getPercentile(50);
      double allocPerOp = allocationPerOp(result);
      if (method.endsWith(".tagflow")) {
        tagflow = opsPerSecond * RoAccessReportDecodeBenchmark.TAGS;
        tagflowAlloc = allocPerOp / RoAccessReportDecodeBenchmark.TAGS;
      } else if (method.endsWith(".ltk")) {
        ltk = opsPerSecond * RoAccessReportDecodeBenchmark.TAGS;
        ltkAlloc = allocPerOp / RoAccessReportDecodeBenchmark.TAGS;
      }
    }
    double ratio = tagflow / ltk;
    System.out.println("Cross-check in this JVM by thread CPU time...");
    RoAccessReportDecodeBenchmark state = new RoAccessReportDecodeBenchmark();
    state.setUp();
    double tagflowCpu;
    double ltkCpu;
    try {
      tagflowCpu = tagsPerCpuSecond(state::tagflow, quick ? 20_000 : 200_000, 5_000);
      ltkCpu = tagsPerCpuSecond(state::ltk, quick ? 5 : 30, quick ? 1 : 4);
    } finally {
      state.tearDown();
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "tagflow decoder : %,15.0f tags/s  %8.3f bytes allocated per tag%n", tagflow, tagflowAlloc);
    System.out.printf(Locale.ROOT, "LLRP Toolkit    : %,15.0f tags/s  %8.0f bytes allocated per tag%n", ltk, ltkAlloc);
    System.out.printf(Locale.ROOT, "ratio           : %,15.0f x%n", ratio);
    System.out.println("By thread CPU time (median; time the core spent on other processes left out):");
    System.out.printf(Locale.ROOT, "tagflow decoder : %,15.0f tags per CPU-second%n", tagflowCpu);
    System.out.printf(Locale.ROOT, "LLRP Toolkit    : %,15.0f tags per CPU-second%n", ltkCpu);
    System.out.printf(Locale.ROOT, "ratio           : %,15.0f x%n", tagflowCpu / ltkCpu);
    System.out.printf(Locale.ROOT, "RESULT tagflow_tags_per_s=%.0f ltk_tags_per_s=%.0f ratio=%.1f alloc_bytes_per_tag=%.4f"
        + " tagflow_tags_per_cpu_s=%.0f ltk_tags_per_cpu_s=%.0f cpu_ratio=%.1f%n",
        tagflow, ltk, ratio, tagflowAlloc, tagflowCpu, ltkCpu, tagflowCpu / ltkCpu);
    return 0;
  }

  /** One benchmark operation (one report of {@value RoAccessReportDecodeBenchmark#TAGS} tags). */
  private interface Operation {
    long run() throws Exception;
  }

  /**
   * A cross-check for shared machines: JMH measures wall-clock throughput, which drops when other
   * processes take the core, and it runs the two decoders one after the other, so their ratio moves
   * with the machine's load. This runs an operation in this JVM and divides the tags by the
   * thread's CPU time instead, taking the median of 21 rounds after a warmup. (For LTK it leaves
   * out the garbage collector's threads, which flatters LTK.)
   */
  private static double tagsPerCpuSecond(Operation operation, int warmup, int perRound) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int k = 0; k < warmup; k++) {
      sink += operation.run();
    }
    double[] rounds = new double[21];
    for (int r = 0; r < rounds.length; r++) {
      long cpu = threads.getCurrentThreadCpuTime();
      for (int k = 0; k < perRound; k++) {
        sink += operation.run();
      }
      cpu = threads.getCurrentThreadCpuTime() - cpu;
      rounds[r] = perRound * (double) RoAccessReportDecodeBenchmark.TAGS / (Math.max(cpu, 1) / 1e9);
    }
    if (sink == 42) {
      System.out.print(""); // keeps the results alive
    }
    Arrays.sort(rounds);
    return rounds[rounds.length / 2];
  }

  /** The gc profiler's normalised allocation rate, bytes per operation. */
  private static double allocationPerOp(RunResult result) {
    for (var entry : result.getSecondaryResults().entrySet()) {
      if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
        Result<?> value = entry.getValue();
        return value.getScore();
      }
    }
    return Double.NaN;
  }
}
