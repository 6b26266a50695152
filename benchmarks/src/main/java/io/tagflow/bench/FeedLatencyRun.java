package io.tagflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tagflow.controlplane.http.EventBusLiveFeed;
import io.tagflow.controlplane.ingest.IngestMetrics;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.MovementEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;

/**
 * The live-feed part of {@code ./tagflow bench ingest}: movements published over MQTT at a fixed rate
 * while a real WebSocket client of the control plane's live feed (in {@code batch} format, as the map
 * page reads it) times each one from its publish to its push.
 *
 * <p>Besides the latency it counts how many of the published movements the control plane stored (its
 * counter of committed movements) and how many of those were pushed: a movement published but never
 * stored was lost before the control plane (the broker drops QoS 1 messages past its per-subscriber
 * queue when ingest falls behind); a stored one never pushed was lost by the feed.
 */
final class FeedLatencyRun {
  /** Movements per second (the 2,000). */
  static final int RATE = 2_000;
  /** The control plane's live-feed tick ({@code EventBusLiveFeed.TICK}), for the printout. */
  static final long TICK_MS = EventBusLiveFeed.TICK.toMillis();

  private final EventCodec codec;
  private final ObjectMapper json;

  FeedLatencyRun(EventCodec codec, ObjectMapper json) {
    this.codec = codec;
    this.json = json;
  }

  /** Cumulative commit and live-state timers, to take the difference over a run. */
  private record Stages(long commits, double commitMs, long lagged, double lagMs) {
    static Stages of(MeterRegistry metrics) {
      Timer commit = metrics.get("tagflow.ingest.commit").timer();
      Timer lag = metrics.find("tagflow.live.batch.lag").timer(); // absent before it existed (older checkouts)
      return new Stages(commit.count(), commit.totalTime(TimeUnit.MILLISECONDS), lag == null ? 0 : lag.count(),
          lag == null ? 0 : lag.totalTime(TimeUnit.MILLISECONDS));
    }

    Stages minus(Stages before) {
      return new Stages(commits - before.commits, commitMs - before.commitMs, lagged - before.lagged,
          lagMs - before.lagMs);
    }

    double commitMeanMs() {
      return commits == 0 ? Double.NaN : commitMs / commits;
    }

    double lagMeanMs() {
      return lagged == 0 ? Double.NaN : lagMs / lagged;
    }
  }

  /**
   * What one run measured.
   *
   * @param p99 ms from publish to push, 99th percentile of the pushed movements
   * @param published movements published
   * @param stored movements the control plane stored during the run (and its 30 s drain)
   * @param pushed published movements seen on the feed
   */
  record Result(int rate, double p99, int published, long stored, int pushed) {
    /** Pushed movements per published one. */
    double pushedFraction() {
      return published == 0 ? Double.NaN : (double) pushed / published;
    }
  }

  /**
   * Publishes {@code events} at {@code rate} per second with a client of the live feed at {@code feed}
   * attached; movements never pushed are reported, not counted in the percentiles.
   *
   * @param metrics the control plane's meters (committed movements, commit and live-state timers)
   */
  Result run(MqttAsyncClient publisher, String topic, URI feed, List<MovementEvent> events, int rate,
      MeterRegistry metrics) throws Exception {
    Counter storedCounter = metrics.get(IngestMetrics.STORED_MOVEMENTS).counter();
    Stages stagesBefore = Stages.of(metrics);
    int n = events.size();
    int seconds = Math.max(1, n / rate);
    List<byte[]> payloads = events.stream().map(codec::encode).toList();
    Map<String, Long> sentAt = new ConcurrentHashMap<>(n * 2);
    List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>(n));
    CompletableFuture<Void> snapshot = new CompletableFuture<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(feed + "?format=batch"), new WholeTextListener((text, now) -> {
          try {
            JsonNode message = json.readTree(text.toString());
            if ("batch".equals(message.path("kind").asText())) {
              message.path("data").forEach(m -> onFeedMessage(m, now, snapshot, sentAt, latencies));
            } else {
              onFeedMessage(message, now, snapshot, sentAt, latencies);
            }
          } catch (Exception e) {
            snapshot.completeExceptionally(e);
          }
        })).get(10, TimeUnit.SECONDS);
    snapshot.get(10, TimeUnit.SECONDS);
    long storedBefore = (long) storedCounter.count();
    System.out.printf("latency: publishing %,d movements at %,d/s with a live-feed client attached%n", n, rate);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    CompletableFuture<Void> done = new CompletableFuture<>();
    // Every 10 ms, publish up to the count due by now (exact for any rate, not only multiples of 100/s).
    ticker.scheduleAtFixedRate(() -> {
      try {
        long due = Math.min(n, (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
        int before = next.get();
        while (next.get() < due) {
          int i = next.getAndIncrement();
          sentAt.put(events.get(i).movementId().toString(), System.nanoTime());
          IngestTraffic.publish(publisher, topic, payloads.get(i));
        }
        if (next.get() >= n) {
          done.complete(null);
        } else if (next.get() / rate != before / rate) {
          System.out.printf("latency: %,d published, %,d stored, %,d pushed%n", next.get(),
              (long) storedCounter.count() - storedBefore, latencies.size());
        }
      } catch (Exception e) {
        done.completeExceptionally(e);
      }
    }, 0, 10, TimeUnit.MILLISECONDS);
    try {
      done.get(seconds * 3L + 30, TimeUnit.SECONDS);
    } finally {
      ticker.shutdownNow();
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    long stored = (long) storedCounter.count() - storedBefore;
    // Wait for what is still coming: until all is pushed, or nothing more was stored or pushed for 3 s.
    long quietSince = System.nanoTime();
    int pushedSeen = latencies.size();
    while (latencies.size() < n && System.nanoTime() < deadline && System.nanoTime() - quietSince < 3_000_000_000L) {
      TimeUnit.MILLISECONDS.sleep(100);
      long s = (long) storedCounter.count() - storedBefore;
      if (s != stored || latencies.size() != pushedSeen) {
        stored = s;
        pushedSeen = latencies.size();
        quietSince = System.nanoTime();
      }
    }
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    double[] sorted;
    synchronized (latencies) {
      sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
    stored = (long) storedCounter.count() - storedBefore;
    System.out.printf(Locale.ROOT, "latency: at %,d/s: %,d published, %,d stored, %,d pushed; publish-to-push ms"
            + " p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n", rate, n, stored, sorted.length,
        BenchServices.percentile(sorted, 50), BenchServices.percentile(sorted, 90),
        BenchServices.percentile(sorted, 99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    Stages stages = Stages.of(metrics).minus(stagesBefore);
    System.out.printf(Locale.ROOT, "latency: at %,d/s: %,d commits, %.0f movements per commit, commit %.0f ms mean;"
        + " commit to end of live-state processing %.0f ms mean (then at most one %d ms feed tick)%n", rate,
        stages.commits(), stages.commits() == 0 ? 0.0 : (double) stored / stages.commits(), stages.commitMeanMs(),
        stages.lagMeanMs(), TICK_MS);
    if (sorted.length < n) {
      System.out.printf("latency: %,d movements were never pushed (counted as missing, not in the percentiles):"
          + " %,d never stored (lost before the control plane), %,d stored but not pushed%n", n - sorted.length,
          Math.max(0, n - stored), Math.max(0, stored - sorted.length));
    }
    return new Result(rate, BenchServices.percentile(sorted, 99), n, stored, sorted.length);
  }

  /** One feed message: the snapshot completes {@code snapshot}; a movement sent by us adds its latency. */
  private static void onFeedMessage(JsonNode message, long now, CompletableFuture<Void> snapshot,
      Map<String, Long> sentAt, List<Double> latencies) {
    String kind = message.path("kind").asText();
    if ("snapshot".equals(kind)) {
      snapshot.complete(null);
    } else if ("movement".equals(kind)) {
      Long sent = sentAt.remove(message.path("data").path("movementId").asText());
      if (sent != null) {
        latencies.add((now - sent) / 1e6);
      }
    }
  }
}
