package io.tagflow.gateway.delivery.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The MQTT publisher's shared state, guarded by one lock: whether it runs and is connected, the epoch,
 * the send cursor and the in-flight window. The drain thread, Paho's callback threads and callers of
 * {@code publish} meet here; every change signals the one condition they wait on.
 *
 * <p>An epoch ends whenever what is in flight can no longer be trusted (connect, connection lost, a
 * failed publication, a PUBACK past its deadline): the window is forgotten and the cursor goes back to
 * the outbox's first pending entry. A send belonging to an older epoch is not recorded.
 */
public final class DrainState {
  /** What one drain pass may send: from {@code from}, at most {@code room} entries, in {@code epoch}. */
  public record Pass(long from, int room, long epoch) {
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final InflightWindow window;
  private final LongSupplier firstPending;
  private final InstantSource clock;
  private final long tickMillis;
  private boolean running;
  private boolean accepting = true;
  private boolean online;
  private boolean everConnected;
  private boolean workPending;
  private boolean lossReported;
  private long epoch;
  private long sendCursor = 1;
  private Instant pausedUntil = Instant.MIN;

  /**
   * @param firstPending the outbox's first pending sequence
   * @param tickMillis the longest a waiter sleeps before it looks again (deadlines, pauses)
   */
  public DrainState(InflightWindow window, LongSupplier firstPending, InstantSource clock, long tickMillis) {
    this.window = window;
    this.firstPending = firstPending;
    this.clock = clock;
    this.tickMillis = tickMillis;
  }

  /** Marks the drain running; false if it already was. */
  public boolean start() {
    lock.lock();
    try {
      if (running) {
        return false;
      }
      running = true;
      sendCursor = firstPending.getAsLong();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Stops the drain thread at its next look. */
  public void stop() {
    lock.lock();
    try {
      running = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public boolean running() {
    lock.lock();
    try {
      return running;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new events from now on; false if it already did. */
  public boolean stopAccepting() {
    lock.lock();
    try {
      boolean was = accepting;
      accepting = false;
      return was;
    } finally {
      lock.unlock();
    }
  }

  public boolean accepting() {
    lock.lock();
    try {
      return accepting;
    } finally {
      lock.unlock();
    }
  }

  public boolean online() {
    lock.lock();
    try {
      return online;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a connection ever succeeded (from then on Paho reconnects by itself). */
  public boolean everConnected() {
    lock.lock();
    try {
      return everConnected;
    } finally {
      lock.unlock();
    }
  }

  public int inflight() {
    lock.lock();
    try {
      return window.size();
    } finally {
      lock.unlock();
    }
  }

  /** A new entry is in the outbox. */
  public void workArrived() {
    lock.lock();
    try {
      workPending = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The connection is up (first connect or reconnect): a new epoch from the first pending entry. */
  public void connected() {
    lock.lock();
    try {
      online = true;
      everConnected = true;
      lossReported = false;
      rewind();
    } finally {
      lock.unlock();
    }
  }

  /** The connection is lost; true the first time since the last connect, while running (log it then). */
  public boolean disconnected() {
    lock.lock();
    try {
      online = false;
      rewind();
      boolean report = !lossReported && running;
      lossReported = true;
      return report;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next pass, or null after waiting up to a tick when nothing may be sent now (offline, window
   * full, paused). {@code onExpired} gets the sequence of a PUBACK past its deadline, after which the
   * epoch has been ended.
   */
  public Pass nextPass(java.util.function.LongConsumer onExpired) throws InterruptedException {
    lock.lock();
    try {
      long expired = window.firstExpired();
      if (expired >= 0) {
        rewind();
        onExpired.accept(expired);
      }
      if (!online || window.free() == 0 || clock.instant().isBefore(pausedUntil)) {
        changed.await(tickMillis, TimeUnit.MILLISECONDS);
        return null;
      }
      workPending = false;
      return new Pass(sendCursor, window.free(), epoch);
    } finally {
      lock.unlock();
    }
  }

  /** After a pass found nothing to send: waits up to a tick unless work arrived or the epoch changed. */
  public void awaitWork(Pass pass) throws InterruptedException {
    lock.lock();
    try {
      if (!workPending && epoch == pass.epoch()) {
        changed.await(tickMillis, TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Takes a window slot for {@code sequence}; false when the pass is over (new epoch, offline, full). */
  public boolean reserve(long sequence, Pass pass) {
    lock.lock();
    try {
      return epoch == pass.epoch() && online && window.add(sequence);
    } finally {
      lock.unlock();
    }
  }

  /** {@code sequence} was handed to the client: the cursor moves past it. */
  public void sent(long sequence, Pass pass) {
    lock.lock();
    try {
      if (epoch == pass.epoch()) {
        sendCursor = sequence + 1;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The client refused {@code sequence} because its own window is full: frees the slot and waits until
   * a publication completes (or a tick passes), so that the same entry is sent again, never dropped.
   */
  public void awaitCompletion(long sequence) throws InterruptedException {
    lock.lock();
    try {
      window.remove(sequence);
      int before = window.size();
      long waitEpoch = epoch;
      do {
        if (!changed.await(tickMillis, TimeUnit.MILLISECONDS)) {
          break;
        }
      } while (window.size() >= before && before > 0 && epoch == waitEpoch && running);
    } finally {
      lock.unlock();
    }
  }

  /** The client could not take {@code sequence} (not connected, ...): a new epoch, then a tick's rest. */
  public void sendFailed(long sequence, Pass pass) throws InterruptedException {
    lock.lock();
    try {
      window.remove(sequence);
      if (epoch == pass.epoch()) {
        rewind();
      }
      changed.await(tickMillis, TimeUnit.MILLISECONDS);
    } finally {
      lock.unlock();
    }
  }

  /** A PUBACK for {@code sequence}: its slot is free. */
  public void acknowledged(long sequence) {
    lock.lock();
    try {
      window.remove(sequence);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A publication of {@code sequence} (sent in {@code sentEpoch}) failed; when it still counted, a new
   * epoch starts, after {@code pause} if one is given. Returns whether it counted.
   */
  public boolean failed(long sequence, long sentEpoch, Duration pause) {
    lock.lock();
    try {
      boolean counted = window.remove(sequence) && sentEpoch == epoch;
      if (counted) {
        if (pause != null) {
          pausedUntil = clock.instant().plus(pause);
        }
        rewind();
      }
      changed.signalAll();
      return counted;
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code nanos} for any change (used while waiting for the outbox to drain). */
  public void awaitChange(long nanos) throws InterruptedException {
    lock.lock();
    try {
      changed.await(nanos, TimeUnit.NANOSECONDS);
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code millis} for a change, unless stopped (connection backoff). */
  public void awaitWhileRunning(long millis) throws InterruptedException {
    lock.lock();
    try {
      if (running) {
        changed.await(millis, TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Caller holds the lock. */
  private void rewind() {
    epoch++;
    window.clear();
    sendCursor = firstPending.getAsLong();
    changed.signalAll();
  }
}
