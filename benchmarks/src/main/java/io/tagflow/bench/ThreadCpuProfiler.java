package io.tagflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that times each iteration by the CPU time of the benchmark's worker threads
 * instead of the wall clock, reported as the secondary result {@value #OPS_PER_CPU_S}: the
 * operations the workers ran in the iteration (JMH's {@code allOps}, warm-up and tail included)
 * per second of their own CPU time. On a machine shared with other work the wall-clock score
 * drops whenever the core is given to another process; this figure does not, so it is the one to
 * compare across runs. It leaves out the JVM's compiler and garbage-collector threads, which
 * flatters a benchmark that allocates.
 *
 * <p>Use: {@code options.addProfiler(ThreadCpuProfiler.class)}, or {@code -prof
 * io.tagflow.bench.ThreadCpuProfiler} on the JMH command line.
 */
public final class ThreadCpuProfiler implements InternalProfiler {
  /** Name of the secondary result. */
  public static final String OPS_PER_CPU_S = "cpu.ops.per.cpu.s";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> before = Map.of();

  @Override
  public String getDescription() {
    return "operations per second of the JMH worker threads' CPU time";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = workerCpuNanos();
  }

  @Override
  public List<Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                     IterationResult result) {
    long cpu = 0;
    for (Map.Entry<Long, Long> worker : workerCpuNanos().entrySet()) {
      // A worker started during the iteration (the first one) had used no CPU before it.
      cpu += worker.getValue() - before.getOrDefault(worker.getKey(), 0L);
    }
    double opsPerCpuSecond = result.getMetadata().getAllOps() / (Math.max(cpu, 1) / 1e9);
    return List.of(new ScalarResult(OPS_PER_CPU_S, opsPerCpuSecond, "ops/cpu-s", AggregationPolicy.AVG));
  }

  /** CPU nanoseconds so far of each live JMH worker thread, by thread id. */
  private Map<Long, Long> workerCpuNanos() {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("jmh-worker")) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          cpu.put(info.getThreadId(), nanos);
        }
      }
    }
    return cpu;
  }
}
