package io.tagflow.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./tagflow bench pipeline}: the gateway's three service-level figures, side by side in one
 * run.
 * <ol>
 *   <li><b>Throughput</b> ({@link ThroughputRun}): RO_ACCESS_REPORT bytes from {@value #READERS}
 *       readers ({@link DockTraffic}: door portals, zone antennas, pallets crossing, cases dwelling)
 *       decoded and run through every pipeline stage on one thread. Target: 2 million reads/s.</li>
 *   <li><b>Publish latency</b> ({@link PublishPart}): how long the deciding thread is held, and
 *       decision to durable (appended and fsynced), to the MQTT client's publish call, to the PUBLISH
 *       packet written to the socket and to PUBACK, through the real outbox writer, outbox and
 *       publisher, to the configured broker ({@code TAGFLOW_BENCH_MQTT_URI}, else {@code
 *       tcp://127.0.0.1:1883} if it answers) and, side by side, to a Mosquitto started from {@code
 *       deploy/mosquitto/tagflow.conf} when {@code mosquitto} is on the PATH. Target: p99 at most 5
 *       ms; {@code publish_p99_ms} in the RESULT line is decision to PUBACK on the configured broker,
 *       the strictest reading; {@code wire_p99_ms} is decision to the PUBLISH on the socket; {@code
 *       tagflow_conf_*} are the recommended broker's.</li>
 *   <li><b>Memory</b> ({@link GatewayRssRun}): VmRSS of a real gateway process with 100 simulated
 *       readers over loopback, once with the JVM's default options (as {@code ./tagflow gateway}
 *       runs without JAVA_OPTS; the heap may then grow to a quarter of the machine's memory before
 *       collecting) and once with {@value #CAPPED_HEAP}. Target: at most 256 MB.</li>
 * </ol>
 *
 * <p>Run: {@code ./tagflow bench pipeline} (about four minutes on a busy 2-core machine);
 * {@code --quick} is a smoke run whose figures are not to be quoted; {@code --skip-rss} leaves out
 * the child gateways, {@code --skip-publish} the latency part, {@code --skip-throughput} the
 * throughput part, {@code --publish-rounds N} sets the latency part's runs per broker (default 2, 1000
 * decisions each; 1 of 200 with {@code --quick}). Prints progress and figures, then {@code RESULT reads_per_s=... publish_p99_ms=...
 * rss_mb_100_readers=...} plus the detail keys (CPU-time throughput, decode-only throughput, each latency's p50/p99, RSS with a capped heap). A
 * skipped figure is printed as {@code NaN}.
 */
final class PipelineBench implements BenchMain.Benchmark {
  static final int READERS = 1000;
  /** Steps of 100 ms per round: 12 s of traffic, so crossings are decided and movements close. */
  static final int STEPS = 120;
  /** The heap cap of the second memory figure (a deployment setting, see docs/performance.md). */
  static final String CAPPED_HEAP = "-Xmx128m";

  @Override
  public String description() {
    return "pipeline reads/s (1,000 readers, decode + all stages, 1 thread), decision->MQTT p99, RSS with 100 readers";
  }

  @Override
  public int run(String[] args) throws Exception {
    List<String> options = List.of(args);
    boolean quick = options.contains("--quick");
    PrintStream out = System.out;
    int rounds = rounds(options, quick ? 1 : 2);
    if (rounds < 1) {
      System.err.println("bench pipeline: --publish-rounds takes a whole number of at least 1");
      return 2;
    }
    ThroughputRun.Figures tp = options.contains("--skip-throughput") ? null : throughput(out, quick);

    Map<String, Double> publish = options.contains("--skip-publish") ? null
        : new PublishPart(out).run(quick, rounds);

    GatewayRssRun.Figures rss = null;
    GatewayRssRun.Figures rssCapped = null;
    if (!options.contains("--skip-rss")) {
      String env = System.getenv("TAGFLOW_BENCH_MQTT_URI");
      String to = env != null && !env.isBlank() ? env : PublishLatencyRun.DEFAULT_BROKER;
      Duration runFor = Duration.ofSeconds(quick ? 10 : 30);
      rss = new GatewayRssRun(out).run(to, runFor, "");
      print(out, rss);
      rssCapped = new GatewayRssRun(out).run(to, runFor, CAPPED_HEAP);
      print(out, rssCapped);
    }

    double nan = Double.NaN;
    StringBuilder result = new StringBuilder(String.format(Locale.ROOT, "RESULT reads_per_s=%.0f", tp == null ? nan
        : tp.readsPerS()));
    Map<String, Double> keys = new LinkedHashMap<>();
    keys.put("publish_p99_ms", publish == null ? nan : publish.get("publish_p99_ms"));
    keys.put("rss_mb_100_readers", rss == null ? nan : rss.maxRssMb());
    keys.put("reads_per_cpu_s", tp == null ? nan : tp.readsPerCpuS());
    keys.put("decode_only_reads_per_s", tp == null ? nan : tp.decodeOnlyReadsPerS());
    keys.put("decode_only_reads_per_cpu_s", tp == null ? nan : tp.decodeOnlyReadsPerCpuS());
    if (publish != null) {
      keys.putAll(publish);
    }
    keys.put("rss_mb_100_readers_xmx128m", rssCapped == null ? nan : rssCapped.maxRssMb());
    keys.forEach((k, v) -> result.append(' ').append(k).append('=').append(format(k, v)));
    out.println(result);
    return 0;
  }

  /** {@code --publish-rounds N}: runs per broker of the publish part; 0 when the option is malformed. */
  private static int rounds(List<String> options, int fallback) {
    int at = options.indexOf("--publish-rounds");
    if (at < 0) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(options.get(at + 1));
      if (n >= 1) {
        return n;
      }
    } catch (IndexOutOfBoundsException | NumberFormatException e) {
      // malformed
    }
    return 0;
  }

  private static String format(String key, double v) {
    if (key.startsWith("reads") || key.startsWith("decode")) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, key.startsWith("rss") ? "%.1f" : key.startsWith("handoff") ? "%.3f" : "%.2f", v);
  }

  private static ThroughputRun.Figures throughput(PrintStream out, boolean quick) {
    out.printf("pipeline: generating %d readers' reports ...%n", READERS);
    DockTraffic traffic = DockTraffic.generate(READERS, quick ? 20 : STEPS, 42);
    out.printf(Locale.ROOT, "pipeline: %,d reports, %,d reads, %.1f MiB of RO_ACCESS_REPORT bytes%n",
        traffic.offsets.length, traffic.reads, traffic.bytes.readableBytes() / 1048576.0);
    ThroughputRun.Figures tp = new ThroughputRun(traffic, out).run(quick ? 1 : 3, quick ? 2 : 7);
    traffic.bytes.release();
    out.printf(Locale.ROOT, "pipeline: median %,.0f reads/s wall, %,.0f reads/s of thread CPU; decode alone %,.0f"
        + " reads/s wall, %,.0f of thread CPU (%.0f %% of the CPU time is decode)%n", tp.readsPerS(), tp.readsPerCpuS(),
        tp.decodeOnlyReadsPerS(), tp.decodeOnlyReadsPerCpuS(), 100 * tp.readsPerCpuS() / tp.decodeOnlyReadsPerCpuS());
    return tp;
  }

  private static void print(PrintStream out, GatewayRssRun.Figures rss) {
    out.printf(Locale.ROOT, "rss: gateway with %d readers (%d connected), JVM options %s: max VmRSS %.1f MiB, "
        + "last %.1f MiB%n", GatewayRssRun.READERS, rss.connected(), rss.javaOpts(), rss.maxRssMb(), rss.lastRssMb());
  }
}
