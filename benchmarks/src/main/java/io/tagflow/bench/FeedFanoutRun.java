package io.tagflow.bench;

import io.tagflow.controlplane.EventProcessor;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.TagObservation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The live feed alone, fanned out: movements handed straight to the control plane's live state
 * ({@link EventProcessor#acceptAll}, as the ingest hands over a committed batch: one batch every 50 ms,
 * so 100 movements per batch at 2,000/s) while {@code clients} WebSocket clients are attached; each
 * movement is timed from the hand-over to its push, on every client. Nothing goes through MQTT or the
 * store, so this is the part of receipt-to-push that the live state and the feed add, and how it holds
 * with many clients. Also reports the CPU time of the control plane's event-loop threads (where the
 * WebSocket writes run) per 1,000 movements.
 */
final class FeedFanoutRun {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String MOVEMENT = "\"kind\":\"movement\"";
  private static final String MOVEMENT_ID = "\"movementId\":\"";

  /** What one run measured; {@code pushed} counts movement arrivals over all clients. */
  record Result(double p99, long expected, long pushed, double eventLoopCpuMsPer1k, double handOverCpuMsPer1k) {
    double pushedFraction() {
      return expected == 0 ? Double.NaN : (double) pushed / expected;
    }
  }

  Result run(EventProcessor events, URI feed, List<MovementEvent> movements, int rate, int clients) throws Exception {
    Map<String, Long> handedAt = new ConcurrentHashMap<>(movements.size() * 2);
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>(movements.size() * clients));
    List<WebSocket> sockets = new ArrayList<>();
    List<CompletableFuture<Void>> snapshots = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      HttpClient http = HttpClient.newHttpClient(); // one each, as browsers are: no shared selector thread
      CompletableFuture<Void> snapshot = new CompletableFuture<>();
      snapshots.add(snapshot);
      sockets.add(http.newWebSocketBuilder().buildAsync(URI.create(feed + "?format=batch"),
          new WholeTextListener((text, now) -> {
            if (text.indexOf("\"kind\":\"snapshot\"") >= 0) {
              snapshot.complete(null);
            }
            // Only the movement ids are needed: found by text, not parsed, so the clients (in this JVM)
            // cost little next to the server.
            for (int at = text.indexOf(MOVEMENT); at >= 0; at = text.indexOf(MOVEMENT, at + 1)) {
              int id = text.indexOf(MOVEMENT_ID, at) + MOVEMENT_ID.length();
              Long handed = handedAt.get(text.substring(id, text.indexOf("\"", id)));
              if (handed != null) {
                latencies.add((now - handed) / 1e6);
              }
            }
          })).get(10, TimeUnit.SECONDS));
    }
    CompletableFuture.allOf(snapshots.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    System.out.printf("fan-out: handing %,d movements at %,d/s to the live state, %d feed clients attached%n",
        movements.size(), rate, clients);
    int perBatch = Math.max(1, rate / 20);
    List<Double> handOverMs = new ArrayList<>();
    long loopCpu = eventLoopCpuNanos();
    long handOverCpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int from = 0, k = 0; from < movements.size(); from += perBatch, k++) {
      long due = start + k * 50_000_000L;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      List<MovementEvent> batch = movements.subList(from, Math.min(movements.size(), from + perBatch));
      long now = System.nanoTime();
      List<String> epcs = new ArrayList<>();
      for (MovementEvent m : batch) {
        handedAt.put(m.movementId().toString(), now);
        m.tags().stream().map(TagObservation::epc).forEach(epcs::add);
      }
      events.prefetch(epcs);
      events.acceptAll(batch);
      handOverMs.add((System.nanoTime() - now) / 1e6);
    }
    double handOverPer1k = (THREADS.getCurrentThreadCpuTime() - handOverCpu) / 1e6 * 1000 / movements.size();
    long expected = (long) movements.size() * clients;
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (latencies.size() < expected && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    double cpuPer1k = (eventLoopCpuNanos() - loopCpu) / 1e6 * 1000 / movements.size();
    sockets.forEach(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    double[] sorted;
    synchronized (latencies) {
      sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
    System.out.printf(Locale.ROOT, "fan-out: %,d of %,d pushes arrived; hand-over-to-push ms p50 %.1f, p90 %.1f,"
            + " p99 %.1f, max %.1f; CPU per 1,000 movements: event loops %.0f ms, hand-over thread (live state,"
            + " rules, encoding) %.0f ms%n", sorted.length, expected,
        BenchServices.percentile(sorted, 50), BenchServices.percentile(sorted, 90), BenchServices.percentile(sorted, 99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], cpuPer1k, handOverPer1k);
    double[] handOver = handOverMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(Locale.ROOT, "fan-out: hand-over of one batch (prefetch and acceptAll of %d movements) ms p50 %.1f,"
        + " p99 %.1f%n", perBatch, BenchServices.percentile(handOver, 50), BenchServices.percentile(handOver, 99));
    return new Result(BenchServices.percentile(sorted, 99), expected, sorted.length, cpuPer1k, handOverPer1k);
  }

  /** CPU time of the Vert.x event-loop threads (the server's WebSocket writes; the clients run elsewhere). */
  private static long eventLoopCpuNanos() {
    return ThreadCpu.matching(name -> name.startsWith("vert.x-eventloop-thread"));
  }
}
