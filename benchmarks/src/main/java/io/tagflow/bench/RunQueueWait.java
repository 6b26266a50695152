package io.tagflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How long threads were ready to run but waited for a core, from Linux's {@code schedstat} (per task:
 * CPU time, run-queue wait, time slices; {@code Documentation/scheduler/sched-stats.rst}): the cost of
 * a thread hand-off on a busy machine. Threads are grouped by their kernel name ({@code comm}, the
 * Java name cut to 15 characters). Where {@code /proc} has no such files the figures are empty.
 */
final class RunQueueWait {
  /** Run-queue wait and time slices of one group of threads. */
  record Waits(long waitNanos, long slices) {
    Waits plus(Waits o) {
      return new Waits(waitNanos + o.waitNanos, slices + o.slices);
    }

    Waits minus(Waits o) {
      return new Waits(waitNanos - o.waitNanos, slices - o.slices);
    }
  }

  private RunQueueWait() {
  }

  /** This JVM's threads, by kernel name. */
  static Map<String, Waits> threads() {
    return tasks(Path.of("/proc/self/task"));
  }

  /** All threads of process {@code pid}, as one group named {@code name}. */
  static Map<String, Waits> process(long pid, String name) {
    Waits all = tasks(Path.of("/proc/" + pid + "/task")).values().stream().reduce(new Waits(0, 0), Waits::plus);
    return Map.of(name, all);
  }

  /**
   * One line: for the groups whose name starts with one of {@code prefixes}, in that order, the mean
   * run-queue wait per time slice and the total between the two readings.
   */
  static String between(Map<String, Waits> before, Map<String, Waits> after, List<String> prefixes) {
    return prefixes.stream().flatMap(p -> after.entrySet().stream().filter(e -> e.getKey().startsWith(p)))
        .map(e -> {
          Waits d = e.getValue().minus(before.getOrDefault(e.getKey(), new Waits(0, 0)));
          return String.format(Locale.ROOT, "%s %.2f ms x %d = %.0f ms", e.getKey().strip(),
              d.slices() == 0 ? 0 : d.waitNanos() / 1e6 / d.slices(), d.slices(), d.waitNanos() / 1e6);
        })
        .collect(Collectors.joining("; "));
  }

  private static Map<String, Waits> tasks(Path dir) {
    Map<String, Waits> byName = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(dir)) {
      for (Path task : tasks.toList()) {
        try {
          String[] f = Files.readString(task.resolve("schedstat")).trim().split("\\s+");
          String name = Files.readString(task.resolve("comm")).trim();
          byName.merge(name, new Waits(Long.parseLong(f[1]), Long.parseLong(f[2])), Waits::plus);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile, or no schedstat: leave it out
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return byName;
  }
}
