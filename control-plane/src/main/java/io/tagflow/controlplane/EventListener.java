package io.tagflow.controlplane;

import java.util.ArrayList;
import java.util.List;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tagflow.controlplane.ingest.IngestListener;
import io.tagflow.controlplane.store.StoredBatch;
import io.tagflow.protocol.event.Event;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each committed ingest batch to the {@link EventProcessor} on one thread of its own, in commit
 * order (the processor blocks on registry lookups; the ingest thread must not). The queue is bounded
 * ({@value #QUEUE_BATCHES} batches); when it is full the ingest thread waits for room, which slows ingest
 * down instead of dropping or piling up events. (It must not process the batch itself: that would run
 * two batches at once, and the later one's live-feed deltas could overtake the earlier one's.)
 *
 * <p>Only movements new to the store are processed (a redelivered duplicate was processed when first
 * stored); location, reader-status and health events are processed every time (harmless: the live
 * state is last-writer-wins and anomaly ids are derived from the event).
 */
final class EventListener implements IngestListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventListener.class);
  static final int QUEUE_BATCHES = 1000;

  private final EventProcessor processor;
  private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(QUEUE_BATCHES), r -> {
        Thread t = new Thread(r, "tagflow-live-state");
        t.setDaemon(true);
        return t;
      }, EventListener::waitForRoom);

  /** Name of the gauge of stored batches waiting for live-state processing (growing: live state falls behind). */
  static final String QUEUE_METRIC = "tagflow.live.queue.batches";

  /** Name of the timer from a batch's commit to the end of its live-state processing (its deltas are then in the feed). */
  static final String LAG_METRIC = "tagflow.live.batch.lag";

  private final Timer lag;

  EventListener(EventProcessor processor, MeterRegistry metrics) {
    this.processor = processor;
    this.lag = Timer.builder(LAG_METRIC).publishPercentiles(0.5, 0.99)
        .description("From a stored batch's commit to the end of its live-state processing (deltas handed to the feed)")
        .register(metrics);
    Gauge.builder(QUEUE_METRIC, executor, e -> e.getQueue().size() + e.getActiveCount())
        .description("Stored batches waiting for or in live-state and anomaly processing").register(metrics);
  }

  @Override
  public void onStored(StoredBatch stored) {
    long committed = System.nanoTime();
    executor.execute(() -> {
      try {
        List<String> epcs = new ArrayList<>();
        stored.newMovements().forEach(m -> m.tags().forEach(t -> epcs.add(t.epc())));
        stored.batch().locations().forEach(l -> epcs.add(l.epc()));
        processor.prefetch(epcs);
        List<Event> events = new ArrayList<>(stored.newMovements());
        events.addAll(stored.batch().locations());
        events.addAll(stored.batch().readerStatuses());
        events.addAll(stored.batch().health());
        processor.acceptAll(events);
        lag.record(System.nanoTime() - committed, TimeUnit.NANOSECONDS);
      } catch (RuntimeException e) {
        // The batch is stored: the live state catches up at the next rebuild. Logged once per batch.
        log.error("Live state/anomaly processing of a stored batch of {} events failed", stored.batch().size(), e);
      }
    });
  }

  /** The executor's rejection policy: wait for room in the queue (order kept), unless it is shut down. */
  private static void waitForRoom(Runnable task, ThreadPoolExecutor executor) {
    if (executor.isShutdown()) {
      throw new RejectedExecutionException("live-state processing is stopped");
    }
    try {
      executor.getQueue().put(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RejectedExecutionException("interrupted while waiting for live-state processing", e);
    }
  }

  /** Stops taking batches and waits (briefly) for the queued ones. */
  @Override
  public void close() throws InterruptedException {
    executor.shutdown();
    if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
      log.warn("Live state processing did not finish within 10 s; {} batches dropped", executor.shutdownNow().size());
    }
  }
}
