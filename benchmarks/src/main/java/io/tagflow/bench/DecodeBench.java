package io.tagflow.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./tagflow bench decode}: runs {@link RoAccessReportDecodeBenchmark} (tagflow and the LLRP
 * Toolkit side by side, in one JMH run with one fork and the gc profiler), then prints both
 * throughputs in tags per second (medians over the measurement iterations), their ratio and the
 * bytes tagflow allocates per tag, ending with
 * {@code RESULT tagflow_tags_per_s=... ltk_tags_per_s=... ratio=... alloc_bytes_per_tag=...}.
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
    Collection<RunResult> results = new Runner(options.build()).run();

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
    System.out.println();
    System.out.printf(Locale.ROOT, "tagflow decoder : %,15.0f tags/s  %8.3f bytes allocated per tag%n", tagflow, tagflowAlloc);
    System.out.printf(Locale.ROOT, "LLRP Toolkit    : %,15.0f tags/s  %8.0f bytes allocated per tag%n", ltk, ltkAlloc);
    System.out.printf(Locale.ROOT, "ratio           : %,15.0f x%n", ratio);
    System.out.printf(Locale.ROOT, "RESULT tagflow_tags_per_s=%.0f ltk_tags_per_s=%.0f ratio=%.1f alloc_bytes_per_tag=%.4f%n",
        tagflow, ltk, ratio, tagflowAlloc);
    return 0;
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
