package io.tagflow.sim.load;

import io.tagflow.sim.internal.CliDurations;
import io.tagflow.sim.internal.ProgressLoop;
import io.tagflow.sim.load.LoadSimulator.LoadSettings;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./tagflow sim load --readers N --rate R}: N simulated LLRP readers on 127.0.0.1, each
 * reporting R synthetic tag reads per second to whatever client connects (a gateway under test), with a
 * progress line every few seconds: readers connected, reads/s sent, CPU % of this process (100% = one
 * core). Runs for {@code --duration} or until interrupted.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Pure LLRP throughput load: N simulated readers, R synthetic tag reads/s each.")
public final class LoadCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--readers", required = true, description = "simulated readers")
  int readers;

  @Option(names = "--rate", required = true, description = "tag reads per second per reader")
  double rate;

  @Option(names = "--tags-per-report", defaultValue = "100",
      description = "tags per RO_ACCESS_REPORT (0 = as the client's ROReportSpec asks; default ${DEFAULT-VALUE})")
  int tagsPerReport;

  @Option(names = "--port-base", defaultValue = "0",
      description = "first LLRP port, the others follow; 0 = free ports, printed (default ${DEFAULT-VALUE})")
  int portBase;

  @Option(names = "--duration", description = "run time, e.g. 60s, 5m (default: until interrupted)")
  String duration;

  @Option(names = "--threads", description = "event loop threads shared by all readers (default: one per core)")
  Integer threads;

  @Option(names = "--progress-s", defaultValue = "5", description = "seconds between progress lines")
  double progressS;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadSimulator simulator;
    Duration runFor;
    try {
      runFor = duration == null ? null : CliDurations.parse("--duration", duration);
      LoadSettings settings = LoadSettings.of(readers, rate).withTagsPerReport(tagsPerReport).withPortBase(portBase)
          .withThreads(threads == null ? LoadSimulator.DEFAULT_THREADS : threads);
      simulator = LoadSimulator.create(settings, InstantSource.system());
    } catch (IllegalArgumentException e) {
      err.println("sim load: " + e.getMessage());
      err.flush();
      return 2;
    }
    List<InetSocketAddress> addresses;
    try {
      addresses = simulator.start().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      err.println("sim load: cannot listen: " + (e.getCause() == null ? e : e.getCause()).getMessage());
      err.flush();
      return 2;
    }
    out.printf(Locale.ROOT, "sim load: %d readers listening on %s, %.0f reads/s each, %d tags per report%n",
        addresses.size(), ports(addresses), rate, tagsPerReport);
    out.flush();
    // Ctrl-C: the hook ends the run and holds the JVM until the readers are closed and the total printed.
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      interrupted.countDown();
      try {
        finished.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "sim-load-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      report(simulator, runFor, interrupted, out);
    } finally {
      try {
        simulator.stop().get(15, TimeUnit.SECONDS);
      } finally {
        finished.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is already exiting because of the signal
        }
      }
    }
    return 0;
  }

  private void report(LoadSimulator simulator, Duration runFor, CountDownLatch interrupted, PrintWriter out)
      throws InterruptedException {
    long startNanos = System.nanoTime();
    long endNanos = runFor == null ? Long.MAX_VALUE : startNanos + runFor.toNanos();
    long periodNanos = (long) (progressS * 1e9);
    Sample last = new Sample(startNanos, simulator.generated(), ProcessCpu.selfNanos());
    long totalStartReads = last.reads;
    long endedNanos = ProgressLoop.run(periodNanos, endNanos, interrupted, now -> {
      long reads = simulator.generated();
      long cpu = ProcessCpu.selfNanos();
      double seconds = (now - last.nanos) / 1e9;
      out.printf(Locale.ROOT, "sim load: %5.0f s  %d/%d readers connected  %.0f reads/s sent  cpu %.0f%%%n",
          (now - startNanos) / 1e9, simulator.connected(), simulator.readerCount(), (reads - last.reads) / seconds,
          cpu < 0 ? Double.NaN : 100.0 * (cpu - last.cpu) / (now - last.nanos));
      out.flush();
      last.nanos = now;
      last.reads = reads;
      last.cpu = cpu;
    });
    out.printf(Locale.ROOT, "sim load: done, %d reads in %.0f s%n", last.reads - totalStartReads,
        (endedNanos - startNanos) / 1e9);
    out.flush();
  }

  /** The counters at the previous progress line. */
  private static final class Sample {
    long nanos;
    long reads;
    long cpu;

    Sample(long nanos, long reads, long cpu) {
      this.nanos = nanos;
      this.reads = reads;
      this.cpu = cpu;
    }
  }

  private static String ports(List<InetSocketAddress> addresses) {
    InetSocketAddress first = addresses.get(0);
    boolean consecutive = true;
    for (int i = 1; i < addresses.size(); i++) {
      consecutive &= addresses.get(i).getPort() == first.getPort() + i;
    }
    if (consecutive) {
      return first.getHostString() + ":" + first.getPort()
          + (addresses.size() > 1 ? "-" + (first.getPort() + addresses.size() - 1) : "");
    }
    StringBuilder s = new StringBuilder(first.getHostString()).append(" ports ");
    for (int i = 0; i < addresses.size(); i++) {
      s.append(i == 0 ? "" : ",").append(addresses.get(i).getPort());
    }
    return s.toString();
  }
}
