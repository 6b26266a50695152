package io.tagflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** CPU time of this JVM's live threads, for the benchmarks' per-thread cost lines. */
final class ThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ThreadCpu() {
  }

  /** CPU nanoseconds so far of the live threads whose name matches, summed; 0 when there is none. */
  static long matching(Predicate<String> name) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> name.test(t.getName()))
        .mapToLong(t -> Math.max(0, THREADS.getThreadCpuTime(t.getId()))).sum();
  }

  /** CPU nanoseconds so far of the live thread named {@code name}; 0 when there is none. */
  static long named(String name) {
    return matching(name::equals);
  }

  /** CPU nanoseconds so far of the live threads, summed by name with digits dropped (pools count as one). */
  static Map<String, Long> byName() {
    Map<String, Long> result = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      long nanos = THREADS.getThreadCpuTime(t.getId());
      if (nanos > 0) {
        result.merge(t.getName().replaceAll("[0-9]+", "#"), nanos, Long::sum);
      }
    }
    return result;
  }

  /** The {@code limit} threads that used most CPU between two {@link #byName} readings, in ms per 1,000 units. */
  static String top(Map<String, Long> before, Map<String, Long> after, int limit, int units) {
    return after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
        .map(e -> String.format(Locale.ROOT, "%s %.0f ms", e.getKey(), e.getValue() / 1e6 * 1000 / units))
        .collect(Collectors.joining(", "));
  }
}
