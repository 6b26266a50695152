package io.tagflow.bench;

import io.tagflow.gateway.GatewayMain;
import io.tagflow.protocol.epc.EpcEncoder;
import io.tagflow.sim.reader.ScriptedTagSource;
import io.tagflow.sim.reader.SimulatedReader;
import io.tagflow.sim.reader.SimulatedReaderOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Resident memory of a real gateway with 100 readers: this JVM runs 100 {@link SimulatedReader}s on
 * loopback (4 antennas each, 50 ms inventory rounds, a {@link ScriptedTagSource} of 20 tags: cases
 * dwelling at two zone antennas and tags heard at both sides of the door), and a child JVM runs
 * {@code GatewayMain} (as {@code ./tagflow gateway} does) with the given JVM options and a
 * configuration of those 100 readers.
 * The child's {@code VmRSS} is sampled from {@code /proc/PID/status} every second; the figure is
 * the largest sample after every reader has connected.
 */
final class GatewayRssRun {
  static final int READERS = 100;
  static final int TAGS_PER_READER = 20;

  /** Largest and last RSS in MiB, and how many readers the gateway had connected. */
  record Figures(double maxRssMb, double lastRssMb, int connected, String javaOpts) {
  }

  private final PrintStream out;

  GatewayRssRun(PrintStream out) {
    this.out = out;
  }

  Figures run(String broker, Duration runFor, String javaOpts) throws Exception {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.tagflow.sim"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    Path dir = Files.createTempDirectory("tagflow-rss-bench");
    List<SimulatedReader> readers = new ArrayList<>();
    Process child = null;
    try {
      for (int r = 0; r < READERS; r++) {
        ScriptedTagSource.Builder tags = ScriptedTagSource.builder();
        for (int k = 0; k < TAGS_PER_READER; k++) {
          String epc = EpcEncoder.sgtin96(1, "0614141", "812345", r * 1000L + k).toHex();
          if (k < 12) {
            tags.tag(epc, 3 + k % 2, -50 - k % 7).tag(epc, 4 - k % 2, -64 - k % 5);
          } else {
            tags.tag(epc, 1 + k % 2, -55 - k % 9);
          }
        }
        SimulatedReader reader = SimulatedReader.create(SimulatedReaderOptions.defaults().withPort(0)
            .withInventoryRound(Duration.ofMillis(50)), tags.build(), InstantSource.system());
        reader.start().get(15, TimeUnit.SECONDS);
        readers.add(reader);
      }
      Path config = dir.resolve("gateway.yaml");
      Files.writeString(config, config(readers, broker, dir.resolve("outbox")));
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      if (!javaOpts.isBlank()) {
        command.addAll(List.of(javaOpts.trim().split("\\s+")));
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), GatewayMain.class.getName(),
          "--config", config.toString()));
      child = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("gateway.log").toFile()).start();
      out.printf("rss: gateway pid %d with %d readers, JVM options %s, broker %s; sampling VmRSS for %d s%n",
          child.pid(), READERS, javaOpts.isBlank() ? "(none)" : javaOpts, broker, runFor.toSeconds());
      double max = 0;
      double last = 0;
      int connected = 0;
      long end = System.nanoTime() + runFor.toNanos();
      int second = 0;
      while (System.nanoTime() < end) {
        if (child.waitFor(1, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the gateway exited with " + child.exitValue() + "; see its log: "
              + Files.readString(dir.resolve("gateway.log")).lines().limit(20).toList());
        }
        second++;
        connected = (int) readers.stream().filter(SimulatedReader::hasClient).count();
        last = rssMb(child.pid());
        if (connected == READERS) {
          max = Math.max(max, last);
        }
        if (second % 5 == 0) {
          out.printf(Locale.ROOT, "rss: %3d s: %d of %d readers connected, VmRSS %.1f MiB%n", second, connected, READERS,
              last);
        }
      }
      return new Figures(max, last, connected, javaOpts.isBlank() ? "(none)" : javaOpts);
    } finally {
      if (child != null) {
        child.destroy();
        if (!child.waitFor(20, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
      }
      for (SimulatedReader r : readers) {
        r.stop().get(15, TimeUnit.SECONDS);
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static double rssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IOException("no VmRSS in /proc/" + pid + "/status");
  }

  private static String config(List<SimulatedReader> readers, String broker, Path outbox) {
    StringBuilder sb = new StringBuilder();
    sb.append("site: bench\ngateway: rss\nreaders:\n");
    for (int r = 0; r < readers.size(); r++) {
      sb.append(String.format(Locale.ROOT, """
            - id: r%d
              host: 127.0.0.1
              port: %d
              rospec: { reportEvery: 200ms, reportEveryTags: 100 }
              antennas:
                - { port: 1, readPoint: { door: D%d, side: OUTSIDE } }
                - { port: 2, readPoint: { door: D%d, side: INSIDE } }
                - { port: 3, readPoint: { zone: B%d-1 } }
                - { port: 4, readPoint: { zone: B%d-2 } }
          """, r, readers.get(r).address().getPort(), r, r, r, r));
    }
    sb.append(String.format(Locale.ROOT, """
        mqtt:
          uri: %s
          topicPrefix: tagflow-bench-rss/
        outbox:
          directory: %s
        ops:
          port: 0
        """, broker, outbox));
    return sb.toString();
  }
}
