package io.tagflow.bench;

import io.tagflow.sim.load.LoadSimulator;
import io.tagflow.sim.load.LoadSimulator.LoadSettings;
import io.tagflow.sim.load.ProcessCpu;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tagflow bench simload}: can one simulator process feed a gateway load test? Runs {@code
 * --readers} (200) simulated LLRP readers at {@code --rate} (1,000) tag reads/s each in this JVM, on
 * one shared event loop group, and a consuming client in a child JVM ({@link SimLoadClient}) that
 * connects to every reader over TCP on 127.0.0.1, starts its ROSpec and decodes every
 * RO_ACCESS_REPORT with the gateway's RoAccessReportDecoder. After {@code --warmup-s} (10) it measures
 * {@code --measure-s} (30) in intervals of {@code --interval-s} (5), printing per interval the tags the
 * client decoded per second, the simulator's CPU (this JVM: user + system time over wall time, 100% =
 * one core, 200% = both cores of a 2-core machine) and the client's CPU (from {@code /proc/PID/stat}).
 *
 * <p>Run: {@code ./tagflow bench simload [--readers 200] [--rate 1000] [--tags-per-report 100]
 * [--threads 2]}. The last line is {@code RESULT readers=... reads_per_s=... cpu_pct=...
 * target_reads_per_s=... target_met=... client_cpu_pct=... median_interval_reads_per_s=...
 * median_interval_cpu_pct=...}; {@code reads_per_s} and {@code cpu_pct} are over the whole
 * measurement, {@code target_met} means at least 98% of readers x rate reached the client.
 */
final class SimLoadBench implements BenchMain.Benchmark {
  @Override
  public String description() {
    return "simulator throughput: N LLRP readers x R reads/s over TCP to a decoding client (child JVM)";
  }

  @Override
  public int run(String[] args) throws Exception {
    Options options = new Options();
    CommandLine cli = new CommandLine(options);
    try {
      cli.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      System.err.println("simload: " + e.getMessage());
      cli.usage(System.err);
      return 2;
    }
    if (cli.isUsageHelpRequested()) {
      cli.usage(System.out);
      return 0;
    }
    return options.run();
  }

  @Command(name = "simload", mixinStandardHelpOptions = true)
  static final class Options {
    @Option(names = "--readers", defaultValue = "200")
    int readers;
    @Option(names = "--rate", defaultValue = "1000", description = "tag reads/s per reader")
    double rate;
    @Option(names = "--tags-per-report", defaultValue = "100")
    int tagsPerReport;
    @Option(names = "--threads", defaultValue = "2", description = "simulator event loop threads")
    int threads;
    @Option(names = "--warmup-s", defaultValue = "10")
    int warmupS;
    @Option(names = "--measure-s", defaultValue = "30")
    int measureS;
    @Option(names = "--interval-s", defaultValue = "5")
    int intervalS;

    int run() throws Exception {
      LoadSimulator simulator = LoadSimulator.create(LoadSettings.of(readers, rate).withTagsPerReport(tagsPerReport)
          .withThreads(threads), InstantSource.system());
      List<InetSocketAddress> addresses = simulator.start().get(30, TimeUnit.SECONDS);
      System.out.printf(Locale.ROOT, "simload: %d readers listening (%d event loop threads), %.0f reads/s each, "
          + "%d tags per report; %d cores%n", readers, threads, rate, tagsPerReport, Runtime.getRuntime().availableProcessors());
      Process client = startClient(addresses);
      ClientReader counts = new ClientReader(client);
      counts.start();
      try {
        return measure(simulator, client, counts);
      } finally {
        simulator.stop().get(15, TimeUnit.SECONDS); // first, so the readers see no connection resets
        client.destroy();
        if (!client.waitFor(10, TimeUnit.SECONDS)) {
          client.destroyForcibly();
        }
      }
    }

    private Process startClient(List<InetSocketAddress> addresses) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String ports = addresses.stream().map(a -> Integer.toString(a.getPort())).collect(Collectors.joining(","));
      List<String> command = List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
          SimLoadClient.class.getName(), addresses.get(0).getHostString(), ports, Integer.toString(tagsPerReport),
          Integer.toString(warmupS + measureS + 60));
      return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private int measure(LoadSimulator simulator, Process client, ClientReader counts) throws Exception {
      long t0 = System.nanoTime();
      // Warm-up starts once every reader runs its ROSpec (the client JVM takes a few seconds to start).
      long startupDeadline = t0 + TimeUnit.SECONDS.toNanos(60);
      while (counts.running < readers) {
        if (System.nanoTime() > startupDeadline || !client.isAlive()) {
          System.err.printf("simload: only %d of %d readers started inventory within 60 s%n", counts.running, readers);
          return 1;
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
      System.out.printf(Locale.ROOT, "simload: all %d readers running after %.1f s%n", readers, (System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      long warmupEnd = t0 + TimeUnit.SECONDS.toNanos(warmupS);
      long end = warmupEnd + TimeUnit.SECONDS.toNanos(measureS);
      long intervalNanos = TimeUnit.SECONDS.toNanos(intervalS);
      Sample last = Sample.take(simulator, client, counts);
      Sample start = null;
      List<Double> intervalRates = new ArrayList<>();
      List<Double> intervalCpu = new ArrayList<>();
      while (last.nanos < end) {
        long next = Math.min(last.nanos + intervalNanos, last.nanos < warmupEnd ? warmupEnd : end);
        TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
        if (!client.isAlive()) {
          System.err.println("simload: the client JVM exited with status " + client.exitValue());
          return 1;
        }
        Sample now = Sample.take(simulator, client, counts);
        double secs = (now.nanos - last.nanos) / 1e9;
        boolean measuring = last.nanos >= warmupEnd;
        double readsPerS = (now.clientTags - last.clientTags) / secs;
        double cpu = now.cpuPct(last, now.simCpu, last.simCpu);
        System.out.printf(Locale.ROOT, "simload: %s %5.1f s  %d/%d connected, %d running  sent %8.0f reads/s  "
                + "decoded %8.0f reads/s  sim cpu %5.1f%%  client cpu %5.1f%%  decode errors %d%n",
            measuring ? "measure" : "warmup ", (now.nanos - t0) / 1e9, now.connected, readers, now.running,
            (now.simReads - last.simReads) / secs, readsPerS, cpu, now.cpuPct(last, now.clientCpu, last.clientCpu),
            now.errors);
        if (measuring) {
          intervalRates.add(readsPerS);
          intervalCpu.add(cpu);
        }
        if (start == null && now.nanos >= warmupEnd) {
          start = now;
        }
        last = now;
      }
      double secs = (last.nanos - start.nanos) / 1e9;
      double readsPerS = (last.clientTags - start.clientTags) / secs;
      double cpu = last.cpuPct(start, last.simCpu, start.simCpu);
      double clientCpu = last.cpuPct(start, last.clientCpu, start.clientCpu);
      double target = readers * rate;
      boolean met = readsPerS >= 0.98 * target && last.errors == 0;
      System.out.printf(Locale.ROOT, "simload: %.0f s measured: %.0f reads/s decoded by the client (target %.0f), "
          + "simulator cpu %.1f%% (of %d%% for all cores), client cpu %.1f%%, decode errors %d%n", secs, readsPerS, target,
          cpu, 100 * Runtime.getRuntime().availableProcessors(), clientCpu, last.errors);
      System.out.printf(Locale.ROOT, "RESULT readers=%d reads_per_s=%.0f cpu_pct=%.1f target_reads_per_s=%.0f "
              + "target_met=%s client_cpu_pct=%.1f median_interval_reads_per_s=%.0f median_interval_cpu_pct=%.1f%n",
          readers, readsPerS, cpu, target, met, clientCpu, median(intervalRates), median(intervalCpu));
      return 0;
    }
  }

  /** Counters at one instant: simulator (this JVM) and client (child JVM). */
  private record Sample(long nanos, long simCpu, long clientCpu, long simReads, long clientTags, int connected, int running,
                        long errors) {
    static Sample take(LoadSimulator simulator, Process client, ClientReader counts) {
      return new Sample(System.nanoTime(), ProcessCpu.selfNanos(), ProcessCpu.nanos(client.pid()), simulator.generated(),
          counts.tags, counts.connected, counts.running, counts.errors);
    }

    double cpuPct(Sample before, long cpuNow, long cpuBefore) {
      return cpuNow < 0 || cpuBefore < 0 ? Double.NaN : 100.0 * (cpuNow - cpuBefore) / (nanos - before.nanos);
    }
  }

  /** Follows the client's {@code CLIENT connected running tags errors} lines. */
  private static final class ClientReader extends Thread {
    private final Process client;
    volatile int connected;
    volatile int running;
    volatile long tags;
    volatile long errors;

    ClientReader(Process client) {
      super("simload-client-reader");
      setDaemon(true);
      this.client = client;
    }

    @Override
    public void run() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String[] f = line.split(" ");
          if (f.length == 5 && f[0].equals("CLIENT")) {
            connected = Integer.parseInt(f[1]);
            running = Integer.parseInt(f[2]);
            errors = Long.parseLong(f[4]);
            tags = Long.parseLong(f[3]);
          }
        }
      } catch (java.io.IOException | NumberFormatException e) {
        System.err.println("simload: lost the client's output: " + e);
      }
    }
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
