package io.tagflow.bench;

import io.tagflow.bench.PublishTimeline.Moment;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The publish-latency part of {@code bench pipeline}: {@link PublishLatencyRun}s against the configured
 * broker ({@code TAGFLOW_BENCH_MQTT_URI}, else the machine's {@code tcp://127.0.0.1:1883}) and, when a
 * {@code mosquitto} binary is on the PATH, against a Mosquitto of its own started from tagflow's
 * recommended configuration ({@link MosquittoProcess}), the two alternating run by run so that both
 * see the same machine, after an unmeasured warm-up run. Each broker's runs are pooled; the report names every moment and leg, the
 * spread of the runs' p99s, and where the slowest decisions spent their time.
 *
 * <p>Result keys: for the configured broker the historic ones ({@code publish_p99_ms} is decision ->
 * PUBACK, the strict figure) plus {@code wire_p50_ms}/{@code wire_p99_ms}, decision -> PUBLISH packet
 * written to the socket (the literal "MQTT publish"); for the recommended broker the same two figures
 * and decision -> PUBACK under the prefix {@code tagflow_conf_}. NaN where a broker was not measured.
 */
final class PublishPart {
  private static final int WARMUP_EVENTS = 200;
  private final PrintStream out;

  PublishPart(PrintStream out) {
    this.out = out;
  }

  /** Runs the part and returns its RESULT keys, in order. */
  Map<String, Double> run(boolean quick, int rounds) throws Exception {
    PublishLatencyRun publish = new PublishLatencyRun(out);
    String broker = publish.broker(System.getenv("TAGFLOW_BENCH_MQTT_URI"));
    List<PublishTimeline> configured = new ArrayList<>();
    List<PublishTimeline> recommended = new ArrayList<>();
    int events = quick ? 200 : 1000;
    try (MosquittoProcess own = MosquittoProcess.startIfInstalled(out)) {
      String first = broker != null ? broker : own != null ? own.uri : null;
      if (first != null) {
        // The JIT and the page cache warm up on the first run: not on a measured one.
        publish.run(first, WARMUP_EVENTS, -1);
        out.printf("publish: warm-up run of %d decisions to %s done (not counted)%n", WARMUP_EVENTS, first);
      }
      for (int round = 1; round <= rounds; round++) {
        if (broker != null) {
          configured.add(measure(publish, broker, -1, events, round, rounds));
        }
        if (own != null) {
          recommended.add(measure(publish, own.uri, own.pid(), events, round, rounds));
        }
      }
      if (broker != null) {
        report(broker + " (configured broker)", configured);
      }
      if (own != null) {
        report(own.uri + " (Mosquitto with " + MosquittoProcess.CONFIG + ")", recommended);
      }
    }
    Map<String, Double> keys = new LinkedHashMap<>();
    PublishTimeline c = configured.isEmpty() ? null : PublishTimeline.pool(configured);
    keys.put("publish_p99_ms", p(c, Moment.PUBACK, 99));
    keys.put("wire_p50_ms", p(c, Moment.WIRE, 50));
    keys.put("wire_p99_ms", p(c, Moment.WIRE, 99));
    keys.put("handoff_p99_ms", p(c, Moment.HANDOFF, 99));
    keys.put("append_p50_ms", p(c, Moment.DURABLE, 50));
    keys.put("append_p99_ms", p(c, Moment.DURABLE, 99));
    keys.put("publish_call_p50_ms", p(c, Moment.PUBLISH_CALL, 50));
    keys.put("publish_call_p99_ms", p(c, Moment.PUBLISH_CALL, 99));
    keys.put("puback_p50_ms", p(c, Moment.PUBACK, 50));
    keys.put("puback_p99_ms", p(c, Moment.PUBACK, 99));
    keys.put("write_fsync_p99_ms", c == null ? Double.NaN : c.leg(Moment.WRITE_START, Moment.DURABLE, 99));
    PublishTimeline r = recommended.isEmpty() ? null : PublishTimeline.pool(recommended);
    keys.put("tagflow_conf_wire_p50_ms", p(r, Moment.WIRE, 50));
    keys.put("tagflow_conf_wire_p99_ms", p(r, Moment.WIRE, 99));
    keys.put("tagflow_conf_puback_p50_ms", p(r, Moment.PUBACK, 50));
    keys.put("tagflow_conf_puback_p99_ms", p(r, Moment.PUBACK, 99));
    return keys;
  }

  private PublishTimeline measure(PublishLatencyRun publish, String broker, long pid, int events, int round,
                                  int rounds) throws Exception {
    PublishTimeline t = publish.run(broker, events, pid);
    out.printf(Locale.ROOT, "publish: run %d of %d, %s, load average %.2f: decision->socket write p50 %.2f p99 %.2f ms;"
            + " decision->PUBACK p50 %.2f p99 %.2f ms%n", round, rounds, broker,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        t.percentile(Moment.WIRE, 50), t.percentile(Moment.WIRE, 99), t.percentile(Moment.PUBACK, 50),
        t.percentile(Moment.PUBACK, 99));
    return t;
  }

  private void report(String broker, List<PublishTimeline> runs) {
    PublishTimeline t = PublishTimeline.pool(runs);
    out.printf(Locale.ROOT, "publish: %s, %d runs, %d decisions, outbox in %s; ms after the decision, p50 / p99:%n",
        broker, runs.size(), t.size(), System.getProperty("java.io.tmpdir"));
    for (Moment m : Moment.values()) {
      out.printf(Locale.ROOT, "publish:   %-13s %8.2f / %8.2f  %s%n", m.name().toLowerCase(Locale.ROOT),
          t.percentile(m, 50), t.percentile(m, 99), m.meaning);
    }
    Moment from = null;
    StringBuilder legs = new StringBuilder("publish:   legs, p50 / p99:");
    for (Moment to : PublishTimeline.PATH) {
      if (from != null) {
        legs.append(String.format(Locale.ROOT, " %s->%s %.2f / %.2f;", from.name().toLowerCase(Locale.ROOT),
            to.name().toLowerCase(Locale.ROOT), t.leg(from, to, 50), t.leg(from, to, 99)));
      }
      from = to;
    }
    legs.append(String.format(Locale.ROOT, " write_start->durable (write+fsync) %.2f / %.2f",
        t.leg(Moment.WRITE_START, Moment.DURABLE, 50), t.leg(Moment.WRITE_START, Moment.DURABLE, 99)));
    out.println(legs);
    out.printf(Locale.ROOT, "publish:   p99 of each run: socket write %s ms, PUBACK %s ms%n",
        format(PublishTimeline.p99s(runs, Moment.WIRE)), format(PublishTimeline.p99s(runs, Moment.PUBACK)));
    out.println("publish:   to the socket: " + t.tailBreakdown(Moment.WIRE));
    out.println("publish:   to the PUBACK: " + t.tailBreakdown(Moment.PUBACK));
  }

  private static String format(List<Double> values) {
    return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
  }

  private static double p(PublishTimeline t, Moment m, double p) {
    return t == null ? Double.NaN : t.percentile(m, p);
  }
}
