package io.tagflow.sim.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, user plus system, in nanoseconds. For this JVM it asks the platform
 * MXBean; for another process it reads {@code utime + stime} from {@code /proc/<pid>/stat} (Linux,
 * fields 14 and 15, in clock ticks of 1/100 s, the value of {@code CLK_TCK} on every common Linux).
 * Returns -1 when the figure is not available.
 */
public final class ProcessCpu {
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ProcessCpu() {
  }

  /** CPU nanoseconds of this JVM, or -1. */
  public static long selfNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return nanos(ProcessHandle.current().pid());
  }

  /** CPU nanoseconds of process {@code pid} from /proc, or -1. */
  public static long nanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) is in parentheses and may contain spaces: count fields after it.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
