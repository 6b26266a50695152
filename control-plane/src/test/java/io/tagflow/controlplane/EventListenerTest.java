package io.tagflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagflow.controlplane.anomaly.AnomalyService;
import io.tagflow.controlplane.feed.LiveDelta;
import io.tagflow.controlplane.fixtures.Events;
import io.tagflow.controlplane.fixtures.FakeClock;
import io.tagflow.controlplane.fixtures.InMemoryStore;
import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.controlplane.live.LiveState;
import io.tagflow.controlplane.store.EventBatch;
import io.tagflow.controlplane.store.StoredBatch;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.MovementEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Committed batches reach the live state, and so the feed, on one thread and in commit order. */
class EventListenerTest {
  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

  @Test
  void onStored_moreBatchesThanTheQueueHolds_allProcessedInCommitOrderOnTheLiveStateThread() throws Exception {
    InMemoryStore store = new InMemoryStore();
    FakeClock clock = new FakeClock(T0);
    List<String> pushed = Collections.synchronizedList(new ArrayList<>());
    // The first movement holds the live-state thread until the queue is full, so that the ingest
    // thread (this one) meets a full queue.
    CountDownLatch release = new CountDownLatch(1);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    EventProcessor processor = new EventProcessor(List.of(Layouts.dc1(false)),
        new LiveState(List.of(Layouts.dc1(false)), store), delta -> {
          if (delta instanceof LiveDelta.Movement m) {
            if (pushed.isEmpty()) {
              await(release);
            }
            pushed.add(m.movement().movementId().toString());
            threads.add(Thread.currentThread().getName());
          }
        }, new AnomalyService(store, clock, new SimpleMeterRegistry(), a -> { }), store, store, store,
        Duration.ofMinutes(15), clock);
    List<String> committed = new ArrayList<>();
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    try (EventListener listener = new EventListener(processor, metrics)) {
      Thread releaser = new Thread(() -> {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (metrics.get(EventListener.QUEUE_METRIC).gauge().value() <= EventListener.QUEUE_BATCHES
            && System.nanoTime() < deadline) {
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            return;
          }
        }
        release.countDown();
      });
      releaser.start();
      // Twice the queue's capacity, from this (the ingest) thread: it must wait for room, not run any itself.
      for (int i = 0; i < EventListener.QUEUE_BATCHES * 2; i++) {
        MovementEvent m = Events.movement("door-1", i % 2 == 0 ? Direction.IN : Direction.OUT, T0.plusSeconds(i),
            List.of(Layouts.epc(i % 50)));
        committed.add(m.movementId().toString());
        listener.onStored(new StoredBatch(new EventBatch(T0, List.of(m), List.of(), List.of(), List.of(), List.of()),
            List.of(m), 0));
      }
      releaser.join();
    }

    assertThat(pushed).containsExactlyElementsOf(committed);
    assertThat(threads).containsExactly("tagflow-live-state");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
