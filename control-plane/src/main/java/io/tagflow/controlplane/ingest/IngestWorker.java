package io.tagflow.controlplane.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest threads. The decode thread ({@value #DECODE_THREAD}) takes messages from a queue and adds
 * them to the next batch ({@link BatchAssembler}: topic, payload, dead letters) while the commit thread
 * ({@value #COMMIT_THREAD}) stores the previous one, so decoding overlaps the database's work instead of
 * following it. The commit thread takes the batch when it is full, or when its linger time is up and
 * the previous commit has finished; a batch that is still filling while a commit runs simply grows, up
 * to its size limit, where the decode thread waits.
 *
 * <p>The commit thread retries a failed batch with exponential backoff; while it retries, no later batch
 * is committed, the decode thread stops at a full batch, messages wait unacknowledged, and the broker
 * stops sending once {@link IngestOptions#receiveMaximum()} are outstanding. Batches are committed, and
 * so acknowledged, in arrival order (MQTT 5 §4.6). JDBC runs only on the commit thread, never on an
 * event loop.
 *
 * <p>{@link #offer} is thread-safe; everything else runs on the worker's own threads.
 */
public final class IngestWorker {
  /** The thread that decodes messages into batches. */
  public static final String DECODE_THREAD = "tagflow-ingest-decode";
  /** The thread that commits batches (JDBC, acknowledgements, listeners). */
  public static final String COMMIT_THREAD = "tagflow-ingest";

  private static final Logger log = LoggerFactory.getLogger(IngestWorker.class);
  private static final Duration IDLE_POLL = Duration.ofMillis(200);

  private final BatchAssembler assembler;
  private final BatchCommitter committer;
  private final Clock clock;
  private final Duration retryBackoff;
  private final Duration maxRetryBackoff;
  private final BlockingQueue<InboundMessage> queue;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  /** Guards {@link #assembler} and {@link #decoderDone}; {@link #changed} is signalled when either changes. */
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean decoderDone;
  private final Thread decodeThread;
  private final Thread commitThread;

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
    this.decodeThread = new Thread(this::decodeLoop, DECODE_THREAD);
    this.commitThread = new Thread(this::commitLoop, COMMIT_THREAD);
    decodeThread.setDaemon(true);
    commitThread.setDaemon(true);
  }

  /** Starts the worker's threads. */
  public void start() {
    decodeThread.start();
    commitThread.start();
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
   * Stops the worker: what it holds gets one last attempt to commit (unless a batch before it is still
   * failing), then it returns. Messages not committed stay unacknowledged with the broker.
   */
  public void stop(Duration timeout) throws InterruptedException {
    stopRequested.countDown();
    long deadline = System.nanoTime() + timeout.toNanos();
    decodeThread.join(Math.max(1, timeout.toMillis()));
    commitThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
  }

  private boolean stopping() {
    return stopRequested.getCount() == 0;
  }

  private void decodeLoop() {
    try {
      while (!stopping()) {
        InboundMessage message = queue.poll(IDLE_POLL.toNanos(), TimeUnit.NANOSECONDS);
        if (message != null) {
          add(message);
        }
      }
      // What already arrived joins the last batch, as far as it has room.
      lock.lock();
      try {
        InboundMessage message;
        while (assembler.room() > 0 && (message = queue.poll()) != null) {
          assembler.add(message);
        }
      } finally {
        lock.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("Ingest decode thread stopped by an unexpected error; unacknowledged messages stay with the broker", e);
    } finally {
      lock.lock();
      try {
        decoderDone = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Adds a message to the batch, waiting while the batch is full; drops it (unacknowledged) on stop. */
  private void add(InboundMessage message) throws InterruptedException {
    lock.lock();
    try {
      while (assembler.room() == 0) {
        if (stopping()) {
          return;
        }
        changed.awaitNanos(IDLE_POLL.toNanos());
      }
      boolean first = assembler.isEmpty();
      assembler.add(message);
      // The commit thread waits for a deadline, which only the first message sets, or for a full batch.
      if (first || assembler.room() == 0) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void commitLoop() {
    try {
      PendingBatch batch;
      while ((batch = nextBatch()) != null) {
        if (!commitWithRetry(batch)) {
          // Acknowledging later messages now would break PUBACK order (MQTT 5 §4.6): leave them all.
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("Ingest commit thread stopped by an unexpected error; unacknowledged messages stay with the broker", e);
    }
  }

  /**
   * The next batch once it is due (full, or its linger time passed); once stopping, whatever the
   * decode thread left when it finished, then null.
   */
  private PendingBatch nextBatch() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (assembler.isDue(clock.instant()) || (decoderDone && !assembler.isEmpty())) {
          PendingBatch batch = assembler.drain();
          changed.signalAll();
          return batch;
        }
        if (decoderDone) {
          return null;
        }
        Instant deadline = assembler.deadline();
        // Wake at least every IDLE_POLL to notice the decode thread's end after a stop request.
        long waitNanos = deadline == null ? IDLE_POLL.toNanos()
            : Math.max(1, Math.min(IDLE_POLL.toNanos(), Duration.between(clock.instant(), deadline).toNanos()));
        changed.awaitNanos(waitNanos);
      }
    } finally {
      lock.unlock();
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
