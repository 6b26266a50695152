package io.tagflow.controlplane.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagflow.controlplane.EventFixtures;
import io.tagflow.controlplane.store.EventBatch;
import io.tagflow.controlplane.store.EventStore;
import io.tagflow.controlplane.store.StoredBatch;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.Topics;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker threads: batches by size, decodes while a commit runs, retries a failed commit, never
 * acknowledges before a commit, acknowledges in arrival order.
 */
class IngestWorkerTest {
  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  private final Topics topics = Topics.standard();
  private final EventCodec codec = new EventCodec();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IngestMetrics metrics = new IngestMetrics(registry);
  private final List<Integer> acked = new CopyOnWriteArrayList<>();
  private final BlockingQueue<EventBatch> attempts = new ArrayBlockingQueue<>(100);
  private final AtomicInteger failuresLeft = new AtomicInteger();
  /** Counted down before every store call returns: a test holds a commit open with it. */
  private volatile CountDownLatch storeGate = new CountDownLatch(0);
  private IngestWorker worker;

  @AfterEach
  void stopWorker() throws InterruptedException {
    worker.stop(Duration.ofSeconds(5));
  }

  @Test
  void offer_databaseDownTwice_retriesSameBatchThenAcknowledgesAll() throws Exception {
    failuresLeft.set(2);
    // The clock stands still and the linger is long: only the size limit (2) can close the batch.
    worker = worker(2, Duration.ofHours(1));
    worker.start();

    worker.offer(movementMessage(1));
    worker.offer(movementMessage(2));

    EventBatch first = attempts.poll(10, TimeUnit.SECONDS);
    EventBatch second = attempts.poll(10, TimeUnit.SECONDS);
    EventBatch third = attempts.poll(10, TimeUnit.SECONDS);
    assertThat(first).isNotNull().isEqualTo(second).isEqualTo(third);
    assertThat(first.movements()).hasSize(2);
    worker.stop(Duration.ofSeconds(5));
    assertThat(acked).containsExactly(1, 2);
    assertThat(metrics.commitFailures()).isEqualTo(2);
  }

  @Test
  void stop_whileDatabaseDown_leavesMessagesUnacknowledged() throws Exception {
    failuresLeft.set(Integer.MAX_VALUE);
    worker = worker(1, Duration.ofHours(1));
    worker.start();

    worker.offer(movementMessage(1));
    worker.offer(movementMessage(2));
    assertThat(attempts.poll(10, TimeUnit.SECONDS)).isNotNull();
    worker.stop(Duration.ofSeconds(5));

    assertThat(acked).isEmpty();
  }

  @Test
  void offer_duringSlowCommit_decodesNextBatchMeanwhileAndAcknowledgesInOrder() throws Exception {
    storeGate = new CountDownLatch(1);
    // Linger 0: a batch is due as soon as it holds a message, so only a running commit makes it grow.
    worker = worker(10, Duration.ZERO);
    worker.start();
    worker.offer(movementMessage(1));
    EventBatch first = attempts.poll(10, TimeUnit.SECONDS);

    for (int id = 2; id <= 5; id++) {
      worker.offer(movementMessage(id));
    }
    // The first commit is still held open: the next four messages are decoded all the same.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (receivedMovements() < 5 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
    assertThat(receivedMovements()).isEqualTo(5);
    assertThat(attempts).isEmpty();
    assertThat(acked).isEmpty();
    storeGate.countDown();

    EventBatch second = attempts.poll(10, TimeUnit.SECONDS);
    assertThat(first.movements()).hasSize(1);
    assertThat(second).isNotNull();
    assertThat(second.movements()).hasSize(4);
    worker.stop(Duration.ofSeconds(5));
    assertThat(acked).containsExactly(1, 2, 3, 4, 5);
  }

  private double receivedMovements() {
    return registry.get("tagflow.ingest.messages").tag("kind", "movements").counter().count();
  }

  private IngestWorker worker(int maxBatch, Duration linger) {
    EventStore store = batch -> {
      attempts.add(batch);
      try {
        if (!storeGate.await(10, TimeUnit.SECONDS)) {
          throw new SQLException("test gate never opened");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted", e);
      }
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new SQLException("database is down", "08006");
      }
      return new StoredBatch(batch, batch.movements(), 0);
    };
    BatchAssembler assembler = new BatchAssembler(topics, codec, metrics, maxBatch, linger);
    BatchCommitter committer = new BatchCommitter(store, m -> acked.add(m.messageId()), List.of(), metrics);
    return new IngestWorker(assembler, committer, Clock.fixed(T0, ZoneOffset.UTC), Duration.ofMillis(1), Duration.ofMillis(4),
        100);
  }

  private InboundMessage movementMessage(int id) {
    EventFixtures events = new EventFixtures(T0.plusSeconds(id));
    byte[] payload = codec.encode(events.movement("D1", Direction.IN, EventFixtures.epc(id)));
    return new InboundMessage(topics.movements(EventFixtures.SITE, EventFixtures.GATEWAY), payload, id, 1, false, T0);
  }
}
