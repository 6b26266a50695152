package io.tagflow.controlplane.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest thread: takes messages from a queue, closes a batch when it is full or its linger time
 * is up, and commits it, retrying the same batch with exponential backoff while the database fails.
 * While it retries, no new batch starts: messages wait unacknowledged, and the broker stops sending
 * once {@link IngestOptions#receiveMaximum()} are outstanding. JDBC runs only on this thread, never on
 * an event loop.
 *
 * <p>{@link #offer} is thread-safe; everything else runs on the worker's own thread.
 */
public final class IngestWorker {
  private static final Logger log = LoggerFactory.getLogger(IngestWorker.class);
  private static final Duration IDLE_POLL = Duration.ofMillis(200);

  private final BatchAssembler assembler;
  private final BatchCommitter committer;
  private final Clock clock;
  private final Duration retryBackoff;
  private final Duration maxRetryBackoff;
  private final BlockingQueue<InboundMessage> queue;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final Thread thread;

  /**
   * @param capacity messages the queue holds before {@link #offer} blocks; at least the broker's
   *     receive maximum, so that QoS 1 traffic never blocks
   */
  public IngestWorker(BatchAssembler assembler, BatchCommitter committer, Clock clock, Duration retryBackoff,
                      Duration maxRetryBackoff, int capacity) {
    this.queue = new LinkedBlockingQueue<>(capacity);
    this.assembler = assembler;
    this.committer = committer;
    this.clock = clock;
    this.retryBackoff = retryBackoff;
    this.maxRetryBackoff = maxRetryBackoff;
    this.thread = new Thread(this::run, "tagflow-ingest");
    this.thread.setDaemon(true);
  }

  /** Starts the worker thread. */
  public void start() {
    thread.start();
  }

  /**
   * Queues a message for the next batch. QoS 1 messages never wait here: the broker keeps at most
   * receive-maximum of them unacknowledged. Only a flood of QoS 0 messages can fill the queue; then
   * this blocks the MQTT client's callback thread, which stops reading the socket: TCP backpressure
   * instead of unbounded memory.
   */
  public void offer(InboundMessage message) throws InterruptedException {
    queue.put(message);
  }

  /**
   * Stops the worker: it makes one last attempt to commit what it holds, then returns. Messages not
   * committed stay unacknowledged with the broker.
   */
  public void stop(Duration timeout) throws InterruptedException {
    stopRequested.countDown();
    thread.join(timeout.toMillis());
  }

  private boolean stopping() {
    return stopRequested.getCount() == 0;
  }

  private void run() {
    List<InboundMessage> more = new ArrayList<>();
    try {
      while (!stopping()) {
        Instant deadline = assembler.deadline();
        // Wake at least every IDLE_POLL to notice a stop request.
        long waitNanos = deadline == null ? IDLE_POLL.toNanos()
            : Math.max(0, Math.min(IDLE_POLL.toNanos(), Duration.between(clock.instant(), deadline).toNanos()));
        InboundMessage first = queue.poll(waitNanos, TimeUnit.NANOSECONDS);
        if (first != null) {
          assembler.add(first);
          queue.drainTo(more, assembler.room());
          more.forEach(assembler::add);
          more.clear();
        }
        if (assembler.isDue(clock.instant()) && !commitWithRetry(assembler.drain())) {
          // Acknowledging later messages now would break PUBACK order (MQTT 5 §4.6): leave them all.
          return;
        }
      }
      queue.drainTo(more, assembler.room());
      more.forEach(assembler::add);
      if (!assembler.isEmpty()) {
        committer.commit(assembler.drain());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("Ingest worker stopped by an unexpected error; unacknowledged messages stay with the broker", e);
    }
  }

  /** Commits, retrying until it succeeds (true) or a stop is requested (false). */
  private boolean commitWithRetry(PendingBatch batch) throws InterruptedException {
    Duration backoff = retryBackoff;
    while (!committer.commit(batch)) {
      if (stopRequested.await(backoff.toNanos(), TimeUnit.NANOSECONDS)) {
        log.info("Stopping with an uncommitted batch of {} messages; the broker keeps them", batch.messages().size());
        return false;
      }
      backoff = backoff.multipliedBy(2).compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : backoff.multipliedBy(2);
    }
    return true;
  }
}
