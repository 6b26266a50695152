package io.tagflow.bench;

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
 * Toolkit side by side, in one JMH run with one fork, one thread, the gc profiler and the
 * {@link ThreadCpuProfiler}), then prints the throughputs in tags per second (medians over the
 * measurement iterations), their ratio and the bytes tagflow allocates per tag, ending with
 * {@code RESULT tagflow_tags_per_s=... ltk_tags_per_s=... ratio=... alloc_bytes_per_tag=...}
 * followed by the same figures per second of the benchmark thread's CPU time
 * ({@code tagflow_tags_per_cpu_s=... ltk_tags_per_cpu_s=... cpu_ratio=...}), which stay
 * meaningful on a machine shared with other work, and by the decode-only figures
 * ({@code decode_only_tags_per_s=... decode_only_tags_per_cpu_s=...}). {@code tagflow_*} is decode
 * plus reading every field of every tag, as the LTK side does.
 *
 * <p>Build and run: {@code ./mvnw -B -o -q -DskipTests package -pl benchmarks -am}, then
 * {@code java -jar benchmarks/target/tagflow-benchmarks-*-all.jar decode}. It takes about three
 * minutes; {@code decode --quick} is a shorter smoke run whose figures are not to be quoted.
 */
final class DecodeBench implements BenchMain.Benchmark {
  @Override
  public String description() {
    return "RO_ACCESS_REPORT decode, 100 tags: tagflow vs LLRP Toolkit (JMH, gc and CPU-time profilers)";
  }

  /** Medians of one benchmark method, per operation and per tag. */
  private record Figures(double tagsPerSecond, double tagsPerCpuSecond, double allocBytesPerTag) {
  }

  @Override
  public int run(String[] args) throws Exception {
    boolean quick = args.length > 0 && args[0].equals("--quick");
    String benchmark = RoAccessReportDecodeBenchmark.class.getName();
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + benchmark.replace(".", "\\.") + "\\.")
        .forks(1)
        .threads(1)
        .jvmArgsAppend("-Xms1g", "-Xmx1g")
        .warmupIterations(quick ? 1 : 5)
        .warmupTime(TimeValue.seconds(quick ? 1 : 4))
        .measurementIterations(quick ? 2 : 8)
        .measurementTime(TimeValue.seconds(quick ? 1 : 4))
        .addProfiler(GCProfiler.class)
        .addProfiler(ThreadCpuProfiler.class)
        .shouldFailOnError(true);
    Collection<RunResult> results;
    try {
      results = new Runner(options.build()).run();
    } catch (RunnerException e) {
      // Typically another JMH run holds /tmp/jmh.lock; running side by side would skew both.
      System.err.println("decode benchmark did not run: " + e.getMessage());
      return 1;
    }

    Figures tagflow = null;
    Figures decodeOnly = null;
    Figures ltk = null;
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      Figures figures = figures(result);
      if (method.endsWith(".tagflow")) {
        tagflow = figures;
      } else if (method.endsWith(".tagflowDecodeOnly")) {
        decodeOnly = figures;
      } else if (method.endsWith(".ltk")) {
        ltk = figures;
      }
    }
    if (tagflow == null || decodeOnly == null || ltk == null) {
      System.err.println("decode benchmark: a benchmark method gave no result");
      return 1;
    }
    double ratio = tagflow.tagsPerSecond() / ltk.tagsPerSecond();
    double cpuRatio = tagflow.tagsPerCpuSecond() / ltk.tagsPerCpuSecond();
    System.out.println();
    System.out.println("Wall clock (median of the iterations):");
    print("tagflow decode+read", tagflow.tagsPerSecond(), "tags/s", tagflow.allocBytesPerTag());
    print("tagflow decode only", decodeOnly.tagsPerSecond(), "tags/s", decodeOnly.allocBytesPerTag());
    print("LLRP Toolkit", ltk.tagsPerSecond(), "tags/s", ltk.allocBytesPerTag());
    System.out.printf(Locale.ROOT, "%-20s: %,15.0f x%n", "ratio", ratio);
    System.out.println("Per second of the benchmark thread's CPU time (time other processes took is left out):");
    print("tagflow decode+read", tagflow.tagsPerCpuSecond(), "tags/CPU-s", Double.NaN);
    print("tagflow decode only", decodeOnly.tagsPerCpuSecond(), "tags/CPU-s", Double.NaN);
    print("LLRP Toolkit", ltk.tagsPerCpuSecond(), "tags/CPU-s", Double.NaN);
    System.out.printf(Locale.ROOT, "%-20s: %,15.0f x%n", "ratio", cpuRatio);
    System.out.printf(Locale.ROOT, "RESULT tagflow_tags_per_s=%.0f ltk_tags_per_s=%.0f ratio=%.1f alloc_bytes_per_tag=%.4f"
        + " tagflow_tags_per_cpu_s=%.0f ltk_tags_per_cpu_s=%.0f cpu_ratio=%.1f"
        + " decode_only_tags_per_s=%.0f decode_only_tags_per_cpu_s=%.0f%n",
        tagflow.tagsPerSecond(), ltk.tagsPerSecond(), ratio, tagflow.allocBytesPerTag(),
        tagflow.tagsPerCpuSecond(), ltk.tagsPerCpuSecond(), cpuRatio,
        decodeOnly.tagsPerSecond(), decodeOnly.tagsPerCpuSecond());
    return 0;
  }

  private static void print(String name, double tags, String unit, double allocBytesPerTag) {
    String alloc = Double.isNaN(allocBytesPerTag) ? ""
        : String.format(Locale.ROOT, "  %10.4f bytes allocated per tag", allocBytesPerTag);
    System.out.printf(Locale.ROOT, "%-20s: %,15.0f %-10s%s%n", name, tags, unit, alloc);
  }

  private static Figures figures(RunResult result) {
    double tags = RoAccessReportDecodeBenchmark.TAGS;
    return new Figures(
        result.getPrimaryResult().getStatistics().getPercentile(50) * tags,
        secondary(result, ThreadCpuProfiler.OPS_PER_CPU_S).getStatistics().getPercentile(50) * tags,
        secondary(result, "gc.alloc.rate.norm").getScore() / tags);
  }

  /** The secondary result whose name ends with {@code suffix} (the gc profiler prefixes its names). */
  private static Result<?> secondary(RunResult result, String suffix) {
    for (var entry : result.getSecondaryResults().entrySet()) {
      if (entry.getKey().endsWith(suffix)) {
        return entry.getValue();
      }
    }
    throw new IllegalStateException("JMH gave no " + suffix + " result for " + result.getParams().getBenchmark());
  }
}
