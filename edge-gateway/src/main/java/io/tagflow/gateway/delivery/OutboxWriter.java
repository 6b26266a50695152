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
 * Stores events in the outbox on its own threads, so the thread that decides them (the readers'
 * event loop) never waits for the disk, and the drain thread can publish an event while it is fsynced.
 *
 * <p>Contract: {@link #submit} returns at once. Its future completes with the outbox sequence once
 * the event is durable (written and fsynced, as {@link Outbox#append} promises; only then should the
 * caller count it emitted; the publisher may already have sent it, during the fsync), or exceptionally
 * when it was not stored: {@link OutboxFullException}, {@link IOException}, {@link
 * IllegalArgumentException} (too large), {@link IllegalStateException} (publisher shutting down), or
 * {@link RejectedExecutionException} when {@value #MAX_QUEUED} events are already waiting or the
 * writer is closed (bounded memory: the disk is then far behind, and the caller is told, not
 * blocked). Events are stored in submission order; futures complete on the writer's threads.
 *
 * <p>Algorithm: two threads, so a slow fsync holds up no write. The write thread takes the first
 * waiting event and every event that arrived meanwhile (up to {@value #MAX_BATCH}) and writes them
 * with one {@link MqttPublisher#write} (which wakes the drain thread: the broker round trip starts
 * now), then hands the batch to the sync thread and takes the next one. The sync thread takes every
 * batch handed over and makes them durable with one fsync ({@link MqttPublisher#sync}; group commit:
 * under a burst the fsync rate stays at one per disk round trip). A batch is all or none; when a write
 * of several fails, its events are written one by one so each gets its own outcome (a quota may still
 * fit some of them). When an fsync fails, every event not yet durable fails with it.
 */
public final class OutboxWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);
  static final int MAX_QUEUED = 10_000;
  static final int MAX_BATCH = 256;
  /** Written batches waiting for their fsync; when full, the write thread waits for the disk. */
  private static final int MAX_UNSYNCED_BATCHES = 1024;

  private final MqttPublisher publisher;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
  private final BlockingQueue<Written> unsynced = new ArrayBlockingQueue<>(MAX_UNSYNCED_BATCHES);
  private final Thread writeThread;
  private final Thread syncThread;
  private volatile boolean closed;
  private volatile boolean writesDone;

  private record Pending(OutboxMessage message, CompletableFuture<Long> stored) {
  }

  /** Events written as entries {@code first} to {@code end} (exclusive), waiting for their fsync. */
  private record Written(List<Pending> events, long first, long end) {
  }

  private OutboxWriter(MqttPublisher publisher) {
    this.publisher = publisher;
    this.writeThread = new Thread(this::writeLoop, "tagflow-outbox-writer");
    this.writeThread.setDaemon(true);
    this.syncThread = new Thread(this::syncLoop, "tagflow-outbox-sync");
    this.syncThread.setDaemon(true);
  }

  /** A writer appending through {@code publisher} (which wakes its drain thread), started. */
  public static OutboxWriter start(MqttPublisher publisher) {
    OutboxWriter writer = new OutboxWriter(publisher);
    writer.writeThread.start();
    writer.syncThread.start();
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

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (true) {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
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
        write(batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      log.warn("The outbox writer was interrupted; {} events still waiting are not stored", queue.size());
    } finally {
      writesDone = true;
    }
  }

  private void write(List<Pending> batch) throws InterruptedException {
    if (batch.size() > 1) {
      List<OutboxMessage> messages = new ArrayList<>(batch.size());
      for (Pending p : batch) {
        messages.add(p.message());
      }
      try {
        List<Long> sequences = publisher.write(messages);
        unsynced.put(new Written(List.copyOf(batch), sequences.get(0), sequences.get(sequences.size() - 1) + 1));
        return;
      } catch (IOException | RuntimeException e) {
        // One by one below, so each event gets its own outcome.
      }
    }
    for (Pending p : batch) {
      try {
        long sequence = publisher.writeOne(p.message());
        unsynced.put(new Written(List.of(p), sequence, sequence + 1));
      } catch (IOException | RuntimeException e) {
        p.stored().completeExceptionally(e);
      }
    }
  }

  private void syncLoop() {
    List<Written> batches = new ArrayList<>();
    while (true) {
      Written first;
      try {
        first = unsynced.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = null;
      }
      if (first == null) {
        if (writesDone && unsynced.isEmpty()) {
          return;
        }
        continue;
      }
      batches.add(first);
      unsynced.drainTo(batches);
      for (Written w : batches) {
        sync(w); // the first fsync covers them all; the later calls return at once
      }
      batches.clear();
    }
  }

  private void sync(Written w) {
    try {
      publisher.sync(w.first(), w.end());
    } catch (IOException | RuntimeException e) {
      for (Pending p : w.events()) {
        p.stored().completeExceptionally(e);
      }
      return;
    }
    for (int i = 0; i < w.events().size(); i++) {
      w.events().get(i).stored().complete(w.first() + i);
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
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      writeThread.join(Math.max(1, timeout.toMillis()));
      syncThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writeThread.isAlive() || syncThread.isAlive()) {
      log.warn("The outbox writer did not finish within {}; {} events still waiting", timeout,
          queue.size() + unsynced.size());
      return false;
    }
    return true;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
