package io.tagflow.gateway.delivery;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores events in the outbox on its own thread, a batch per fsync (group commit), so the thread
 * that decides them (the readers' event loop) never waits for the disk.
 *
 * <p>Contract: {@link #submit} returns at once. Its future completes with the outbox sequence once
 * the event is durable (written and fsynced, as {@link Outbox#append} promises; only then should the
 * caller count it emitted; the publisher may already have sent it, during the fsync), or exceptionally when it was
 * not stored: {@link OutboxFullException}, {@link IOException}, {@link IllegalArgumentException} (too
 * large), {@link IllegalStateException} (publisher shutting down), or {@link
 * RejectedExecutionException} when {@value #MAX_QUEUED} events are already waiting or the writer is
 * closed (bounded memory: the disk is then far behind, and the caller is told, not blocked). Events
 * are stored in submission order; futures complete on the writer thread.
 *
 * <p>Algorithm. The thread takes the first waiting event and every event that arrived meanwhile (up
 * to {@value #MAX_BATCH}) and stores them with one {@link MqttPublisher#publishAll}: one fsync for
 * all. Events submitted during that fsync form the next batch, so under a burst the fsync rate stays
 * at one per disk round trip while latency stays at about two. A batch is all or none; when a batch
 * of several fails, its events are stored one by one so each gets its own outcome (a quota may still
 * fit some of them).
 */
public final class OutboxWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);
  static final int MAX_QUEUED = 10_000;
  static final int MAX_BATCH = 256;

  private final MqttPublisher publisher;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
  private final Thread thread;
  private boolean closed;

  private record Pending(OutboxMessage message, CompletableFuture<Long> stored) {
  }

  private OutboxWriter(MqttPublisher publisher) {
    this.publisher = publisher;
    this.thread = new Thread(this::run, "tagflow-outbox-writer");
    this.thread.setDaemon(true);
  }

  /** A writer appending through {@code publisher} (which wakes its drain thread), started. */
  public static OutboxWriter start(MqttPublisher publisher) {
    OutboxWriter writer = new OutboxWriter(publisher);
    writer.thread.start();
    return writer;
  }

  /** Queues {@code message} for the outbox; see the class comment for the future's outcomes. */
  public CompletableFuture<Long> submit(OutboxMessage message) {
    CompletableFuture<Long> stored = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        stored.completeExceptionally(new RejectedExecutionException("the outbox writer is closed; event for "
            + message.topic() + " not stored"));
      } else if (!queue.offer(new Pending(message, stored))) {
        stored.completeExceptionally(new RejectedExecutionException(MAX_QUEUED + " events are already waiting for"
            + " the outbox disk; event for " + message.topic() + " not stored"));
      }
    }
    return stored;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      Pending first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = null;
      }
      if (first == null) {
        synchronized (this) {
          if (closed && queue.isEmpty()) {
            return;
          }
        }
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, MAX_BATCH - 1);
      store(batch);
      batch.clear();
    }
  }

  private void store(List<Pending> batch) {
    if (batch.size() == 1) {
      storeOne(batch.get(0));
      return;
    }
    List<OutboxMessage> messages = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      messages.add(p.message());
    }
    try {
      List<Long> sequences = publisher.publishAll(messages);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).stored().complete(sequences.get(i));
      }
    } catch (IOException | RuntimeException e) {
      for (Pending p : batch) {
        storeOne(p);
      }
    }
  }

  private void storeOne(Pending p) {
    try {
      p.stored().complete(publisher.publish(p.message()));
    } catch (IOException | RuntimeException e) {
      p.stored().completeExceptionally(e);
    }
  }

  /**
   * Refuses new events and waits up to {@code timeout} until every accepted one was stored (or
   * failed). Returns whether the writer finished in time.
   */
  public boolean close(Duration timeout) {
    synchronized (this) {
      closed = true;
    }
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("The outbox writer did not finish within {}; {} events still waiting", timeout, queue.size());
      return false;
    }
    return true;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
