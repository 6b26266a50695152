package io.tagflow.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./tagflow bench pipeline}: the gateway's three service-level figures, side by side in one
 * run.
 * <ol>
 *   <li><b>Throughput</b> ({@link ThroughputRun}): RO_ACCESS_REPORT bytes from {@value #READERS}
 *       readers ({@link DockTraffic}: door portals, zone antennas, pallets crossing, cases dwelling)
 *       decoded and run through every pipeline stage on one thread. Target: 2 million reads/s.</li>
 *   <li><b>Publish latency</b> ({@link PublishLatencyRun}): how long the deciding thread is held, and
 *       decision to durable (appended and fsynced), to the MQTT client's publish call and to PUBACK,
 *       through the real outbox writer, outbox and publisher to a broker ({@code
 *       TAGFLOW_BENCH_MQTT_URI}, else {@code tcp://127.0.0.1:1883} if it answers; skipped with a note
 *       otherwise). Target: p99 at most 5 ms; {@code publish_p99_ms} in the RESULT line is decision
 *       to PUBACK, the strictest reading.</li>
 *   <li><b>Memory</b> ({@link GatewayRssRun}): VmRSS of a real gateway process with 100 simulated
 *       readers over loopback, once with the JVM's default options (as {@code ./tagflow gateway}
 *       runs without JAVA_OPTS; the heap may then grow to a quarter of the machine's memory before
 *       collecting) and once with {@value #CAPPED_HEAP}. Target: at most 256 MB.</li>
 * </ol>
 *
 * <p>Run: {@code ./tagflow bench pipeline} (about four minutes on a busy 2-core machine);
 * {@code --quick} is a smoke run whose figures are not to be quoted; {@code --skip-rss} leaves out
 * the child gateways, {@code --skip-publish} the latency part, {@code --skip-throughput} the
 * throughput part. Prints progress and figures, then {@code RESULT reads_per_s=... publish_p99_ms=...
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
    ThroughputRun.Figures tp = options.contains("--skip-throughput") ? null : throughput(out, quick);

    PublishLatencyRun publish = new PublishLatencyRun(out);
    String broker = options.contains("--skip-publish") ? null : publish.broker(System.getenv("TAGFLOW_BENCH_MQTT_URI"));
    PublishLatencyRun.Figures pl = null;
    if (broker != null) {
      pl = publish.run(broker, quick ? 200 : 1000);
      out.printf(Locale.ROOT, "publish: %d decisions to %s, outbox in %s: deciding thread held (handoff) p50 %.3f ms"
              + " p99 %.3f ms; decision->durable (appended + fsynced) p50 %.2f ms p99 %.2f ms; decision->publish call"
              + " p50 %.2f ms p99 %.2f ms; decision->PUBACK p50 %.2f ms p99 %.2f ms; of which outbox write+fsync"
              + " p50 %.2f ms p99 %.2f ms%n", pl.events(), pl.broker(), System.getProperty("java.io.tmpdir"),
          pl.handoffP50(), pl.handoffP99(), pl.appendP50(), pl.appendP99(), pl.sentP50(), pl.sentP99(), pl.pubackP50(),
          pl.pubackP99(), pl.writeSyncP50(), pl.writeSyncP99());
    }

    GatewayRssRun.Figures rss = null;
    GatewayRssRun.Figures rssCapped = null;
    if (!options.contains("--skip-rss")) {
      String to = broker != null ? broker : PublishLatencyRun.DEFAULT_BROKER;
      Duration runFor = Duration.ofSeconds(quick ? 10 : 30);
      rss = new GatewayRssRun(out).run(to, runFor, "");
      print(out, rss);
      rssCapped = new GatewayRssRun(out).run(to, runFor, CAPPED_HEAP);
      print(out, rssCapped);
    }

    double nan = Double.NaN;
    out.printf(Locale.ROOT, "RESULT reads_per_s=%.0f publish_p99_ms=%.2f rss_mb_100_readers=%.1f reads_per_cpu_s=%.0f"
            + " decode_only_reads_per_s=%.0f decode_only_reads_per_cpu_s=%.0f handoff_p99_ms=%.3f append_p50_ms=%.2f append_p99_ms=%.2f publish_call_p50_ms=%.2f"
            + " publish_call_p99_ms=%.2f puback_p50_ms=%.2f puback_p99_ms=%.2f write_fsync_p99_ms=%.2f"
            + " rss_mb_100_readers_xmx128m=%.1f%n",
        tp == null ? nan : tp.readsPerS(), pl == null ? nan : pl.pubackP99(), rss == null ? nan : rss.maxRssMb(),
        tp == null ? nan : tp.readsPerCpuS(), tp == null ? nan : tp.decodeOnlyReadsPerS(),
        tp == null ? nan : tp.decodeOnlyReadsPerCpuS(), pl == null ? nan : pl.handoffP99(),
        pl == null ? nan : pl.appendP50(), pl == null ? nan : pl.appendP99(),
        pl == null ? nan : pl.sentP50(), pl == null ? nan : pl.sentP99(), pl == null ? nan : pl.pubackP50(),
        pl == null ? nan : pl.pubackP99(), pl == null ? nan : pl.writeSyncP99(),
        rssCapped == null ? nan : rssCapped.maxRssMb());
    return 0;
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
