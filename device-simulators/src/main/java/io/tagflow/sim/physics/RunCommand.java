package io.tagflow.sim.physics;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tagflow.sim.reader.SimulatedReader;
import io.tagflow.sim.reader.SimulatedReaderOptions;
import io.tagflow.sim.scenario.ReaderSpec;
import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.scenario.ScenarioOptions;
import io.tagflow.sim.truth.TruthWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./tagflow sim run --scenario S.yaml --truth T.jsonl}: serves the scenario's readers over LLRP
 * on 127.0.0.1 in real time (virtual time zero is the moment they start), writing the truth as it
 * happens; or, with {@code --in-process}, runs the scene as fast as it can without sockets and reports
 * the reads (optionally to a CSV file).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs a scenario: LLRP readers in real time, or --in-process as fast as possible.")
public final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ScenarioOptions scenarioOptions;

  @Option(names = "--truth", required = true, description = "where to write the ground truth (JSON lines)")
  Path truthFile;

  @Option(names = "--in-process", description = "no LLRP: simulate as fast as possible")
  boolean inProcess;

  @Option(names = "--reads", description = "with --in-process: write every read as CSV here")
  Path readsFile;

  @Option(names = "--progress-s", defaultValue = "10", description = "seconds between progress lines")
  double progressS;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Scenario scenario = scenarioOptions.load(err);
    if (scenario == null) {
      return 2;
    }
    long durationMicros = scenarioOptions.durationMicros(scenario);
    // A file that cannot be written ends the command through SimMain's one error boundary.
    try (Writer truth = Files.newBufferedWriter(truthFile, StandardCharsets.UTF_8)) {
      return inProcess ? inProcess(scenario, durationMicros, truth, out) : realTime(scenario, durationMicros, truth, out);
    }
  }

  private int inProcess(Scenario scenario, long durationMicros, Writer truthOut, PrintWriter out) throws IOException {
    long wallStart = System.nanoTime();
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    Scene scene = Scene.build(scenario);
    summary(scene, out);
    TruthWriter truth = new TruthWriter(scene.truth(), truthOut);
    long[] perReader = new long[scene.readers().size()];
    ReadSink counter = (r, port, hi, lo, rssi, t) -> perReader[r]++;
    BufferedWriter csv = readsFile == null ? null : Files.newBufferedWriter(readsFile, StandardCharsets.UTF_8);
    ReadSink sink = counter;
    if (csv != null) {
      csv.write("micros,reader,antenna,epc,rssi\n");
      HexFormat hex = HexFormat.of().withUpperCase();
      sink = (r, port, hi, lo, rssi, t) -> {
        perReader[r]++;
        try {
          csv.write(t + "," + scene.readers().get(r).id() + "," + port + "," + hex.toHexDigits(hi)
              + hex.toHexDigits(lo) + "," + String.format(Locale.ROOT, "%.1f", rssi) + "\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
    }
    long step = 100_000;
    long nextProgress = System.nanoTime() + (long) (progressS * 1e9);
    for (long t = step; t <= durationMicros; t += step) {
      scene.advanceTo(t, sink);
      truth.advanceTo(t);
      if (System.nanoTime() >= nextProgress) {
        nextProgress += (long) (progressS * 1e9);
        out.printf(Locale.ROOT, "sim run: %.0f/%.0f s virtual, %d reads, %d truth events%n", t / 1e6,
            durationMicros / 1e6, sum(perReader), truth.written());
        out.flush();
      }
    }
    if (csv != null) {
      csv.close();
    }
    double wallS = (System.nanoTime() - wallStart) / 1e9;
    double cpuS = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    long total = sum(perReader);
    for (int r = 0; r < perReader.length; r++) {
      out.printf(Locale.ROOT, "  reader %-8s %10d reads  %8.1f reads/s virtual%n", scene.readers().get(r).id(),
          perReader[r], perReader[r] / (durationMicros / 1e6));
    }
    out.printf(Locale.ROOT, "sim run: %.0f s virtual in %.2f s wall (%.0fx), %.2f s cpu, %d reads (%.0f reads/s wall, "
            + "%.0f reads per cpu second), %d truth events -> %s%n", durationMicros / 1e6, wallS,
        durationMicros / 1e6 / wallS, cpuS, total, total / wallS, total / cpuS, truth.written(), truthFile);
    out.flush();
    return 0;
  }

  private int realTime(Scenario loaded, long durationMicros, Writer truthOut, PrintWriter out) throws Exception {
    Clock clock = Clock.systemUTC();
    Instant start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Scene scene = Scene.build(loaded.withStart(start));
    summary(scene, out);
    List<SimulatedReader> servers = new ArrayList<>();
    List<CompletableFuture<?>> bound = new ArrayList<>();
    // One loop per core for all readers (a scene may have hundreds); each reader stays on one loop.
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
        NioIoHandler.newFactory());
    for (ReaderSim r : scene.readers()) {
      ReaderSpec rs = r.spec();
      int antennas = r.antennaPorts().length == 0 ? 1 : r.antennaPorts()[r.antennaPorts().length - 1];
      long roundMicros = r.dwellMicros() * Math.max(1, r.antennaPorts().length);
      SimulatedReaderOptions options = SimulatedReaderOptions.defaults().withPort(rs.llrpPort())
          .withAntennaCount(antennas)
          .withTxPowerTable(rs.txPowerDbm().stream().map(d -> (int) Math.round(d * 100)).toList())
          .withInventoryRound(Duration.ofNanos(roundMicros * 1000));
      SimulatedReader server = SimulatedReader.create(options, new SceneTagSource(r, start, roundMicros), clock, group);
      servers.add(server);
      bound.add(server.start().thenAccept(a -> {
        synchronized (out) {
          out.println("sim run: reader " + rs.id() + " listening on " + a.getHostString() + ":" + a.getPort());
          out.flush();
        }
      }));
    }
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "sim-run-truth");
      t.setDaemon(true);
      return t;
    });
    CountDownLatch done = new CountDownLatch(1);
    TruthWriter truth = new TruthWriter(scene.truth(), truthOut);
    try {
      CompletableFuture.allOf(bound.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      long[] lastProgress = {0};
      timer.scheduleAtFixedRate(() -> {
        long virtual = Duration.between(start, clock.instant()).toNanos() / 1000;
        truth.advanceTo(Math.min(virtual, durationMicros));
        try {
          truthOut.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (virtual - lastProgress[0] >= progressS * 1e6 || virtual >= durationMicros) {
          lastProgress[0] = virtual;
          long reads = scene.readers().stream().mapToLong(ReaderSim::readCount).sum();
          synchronized (out) {
            out.printf(Locale.ROOT, "sim run: %.0f/%.0f s, %d reads, %d truth events, %d clients%n",
                Math.min(virtual, durationMicros) / 1e6,
                durationMicros / 1e6, reads, truth.written(), servers.stream().filter(SimulatedReader::hasClient).count());
            out.flush();
          }
        }
        if (virtual >= durationMicros) {
          done.countDown();
        }
      }, 1, 1, TimeUnit.SECONDS);
      done.await();
    } finally {
      timer.shutdownNow();
      try {
        CompletableFuture.allOf(servers.stream().map(SimulatedReader::stop).toArray(CompletableFuture[]::new))
            .get(10, TimeUnit.SECONDS);
      } finally {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
      }
    }
    out.println("sim run: done, " + truth.written() + " truth events -> " + truthFile);
    out.flush();
    return 0;
  }

  private static void summary(Scene scene, PrintWriter out) {
    out.printf(Locale.ROOT, "sim run: scenario %s, seed %d: %d readers, %d pallets, %d tags, %d crossings, "
            + "%d placements%n", scene.scenario().name(), scene.scenario().seed(), scene.readers().size(),
        scene.palletCount(), scene.tagCount(), scene.truth().crossings().size(), scene.truth().placements().size());
    out.flush();
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }
}
