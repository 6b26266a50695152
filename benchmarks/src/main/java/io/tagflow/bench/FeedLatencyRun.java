package io.tagflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;

/**
 * The live-feed part of {@code ./tagflow bench ingest}: movements published over MQTT at a fixed rate
 * while a real WebSocket client of the control plane's live feed times each one from its publish to
 * its push.
 */
final class FeedLatencyRun {
  /** Movements per second (the 2,000). */
  static final int RATE = 2_000;

  private final EventCodec codec;
  private final ObjectMapper json;

  FeedLatencyRun(EventCodec codec, ObjectMapper json) {
    this.codec = codec;
    this.json = json;
  }

  /**
   * Publishes {@code events} at {@link #RATE} per second with a client of the live feed at {@code feed}
   * attached; returns the p99 ms from publish to push (movements never pushed are reported, not counted).
   */
  double run(MqttAsyncClient publisher, String topic, URI feed, List<MovementEvent> events) throws Exception {
    int n = events.size();
    int seconds = Math.max(1, n / RATE);
    List<byte[]> payloads = events.stream().map(codec::encode).toList();
    Map<String, Long> sentAt = new ConcurrentHashMap<>(n * 2);
    List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>(n));
    CompletableFuture<Void> snapshot = new CompletableFuture<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(feed, new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            text.append(data);
            if (last) {
              try {
                JsonNode message = json.readTree(text.toString());
                String kind = message.path("kind").asText();
                if ("snapshot".equals(kind)) {
                  snapshot.complete(null);
                } else if ("movement".equals(kind)) {
                  Long sent = sentAt.get(message.path("data").path("movementId").asText());
                  if (sent != null) {
                    latencies.add((now - sent) / 1e6);
                  }
                }
              } catch (Exception e) {
                snapshot.completeExceptionally(e);
              }
              text.setLength(0);
            }
            socket.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    snapshot.get(10, TimeUnit.SECONDS);
    System.out.printf("latency: publishing %,d movements at %,d/s with a live-feed client attached%n", n, RATE);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger next = new AtomicInteger();
    int perTick = RATE / 100;
    CompletableFuture<Void> done = new CompletableFuture<>();
    ticker.scheduleAtFixedRate(() -> {
      try {
        for (int k = 0; k < perTick; k++) {
          int i = next.getAndIncrement();
          if (i >= n) {
            done.complete(null);
            return;
          }
          sentAt.put(events.get(i).movementId().toString(), System.nanoTime());
          IngestBench.publish(publisher, topic, payloads.get(i));
        }
        if (next.get() % RATE < perTick) {
          System.out.printf("latency: %,d published, %,d pushed%n", next.get(), latencies.size());
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
    while (latencies.size() < n && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    double[] sorted;
    synchronized (latencies) {
      sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
    System.out.printf(Locale.ROOT, "latency: %,d of %,d pushed; publish-to-push ms p50 %.1f, p90 %.1f, p99 %.1f,"
            + " max %.1f%n", sorted.length, n, BenchServices.percentile(sorted, 50),
        BenchServices.percentile(sorted, 90), BenchServices.percentile(sorted, 99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    if (sorted.length < n) {
      System.out.printf("latency: %,d movements were never pushed (counted as missing, not in the percentiles)%n",
          n - sorted.length);
    }
    return BenchServices.percentile(sorted, 99);
  }
}
