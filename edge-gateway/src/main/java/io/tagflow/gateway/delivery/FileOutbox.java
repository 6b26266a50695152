package io.tagflow.gateway.delivery;

import io.tagflow.gateway.delivery.internal.Acknowledgements;
import io.tagflow.gateway.delivery.internal.AppendBatch;
import io.tagflow.gateway.delivery.internal.CursorFile;
import io.tagflow.gateway.delivery.internal.DirectoryLock;
import io.tagflow.gateway.delivery.internal.QuotaAlarm;
import io.tagflow.gateway.delivery.internal.RecordCodec;
import io.tagflow.gateway.delivery.internal.RecordPosition;
import io.tagflow.gateway.delivery.internal.Segment;
import io.tagflow.gateway.delivery.internal.UnsyncedTail;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Outbox} in a directory of append-only segment files.
 *
 * <p>Layout: {@code segment-<first sequence>.log} files of records (length, CRC32C, sequence, append
 * time, flags, topic, payload; see {@code RecordCodec}), a {@code cursor.bin} holding the delivery
 * watermark (every sequence at or below it is delivered), and an {@code outbox.lock} that keeps a
 * second process out of the same directory.
 *
 * <p>Algorithm. {@code write} appends a batch of records to the newest segment; {@code sync} fsyncs
 * everything written so far, once (group commit: the gateway's outbox writer writes the next batches
 * while one fsync runs; {@code ./tagflow bench outbox} measures append and bare fsync side by side).
 * The fsync runs outside the monitor, so writes, the drain thread's reads and the PUBACK callbacks'
 * acknowledgements go on meanwhile. {@code read} hands out records as soon as they are written (the
 * publisher sends them while the fsync runs), but the watermark never reaches {@code durableEnd}: an
 * acknowledgement that beats the fsync waits ({@code Acknowledgements}) until the fsync returns. A
 * batch whose write fails is cut back out and its sequences are given out again (nobody saw them). When
 * an fsync fails, every record not yet durable is cut back and its sequences are burnt (the next write
 * starts a new segment after them), so a late PUBACK for a record that was published and then cut back
 * can never mark a different record delivered. A segment whose every record is at or below the
 * watermark is deleted whole, after the cursor is fsynced
 * (the segment being appended to is kept until the next one starts, or until its space is needed). On
 * open, each segment is scanned; the first record that is cut short or fails its CRC marks where a
 * crash tore an append, and the segment is truncated there (logged once).
 *
 * <p>Why hand-written: Paho's {@code MqttDefaultFilePersistence} persists only the client's in-flight
 * window, one file per message keyed by packet id, with no order across restarts, no byte quota, no
 * depth or age and (before the first connect) nothing at all; its offline buffer is bounded by count
 * and drops the oldest message when full. No maintained Java library offers an fsynced, ordered, quota-bounded append log with an
 * acknowledgement cursor in a few hundred lines without bringing a database (Chronicle Queue, for
 * example, memory-maps files without fsync per append and has no acknowledgement model).
 */
public final class FileOutbox implements Outbox {
  private static final Logger log = LoggerFactory.getLogger(FileOutbox.class);
  private static final String CURSOR_FILE = "cursor.bin";
  private static final String LOCK_FILE = "outbox.lock";

  /**
   * How large the outbox may grow.
   *
   * @param quotaBytes the most bytes the segment files may use; appends beyond it are refused
   * @param segmentBytes the size at which a new segment file is started
   * @param maxRecordBytes the largest single record (topic and payload included)
   */
  public record Settings(long quotaBytes, long segmentBytes, int maxRecordBytes) {
    public static final long DEFAULT_QUOTA_BYTES = 256L << 20;
    public static final long DEFAULT_SEGMENT_BYTES = 8L << 20;
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    public Settings {
      if (quotaBytes <= 0 || segmentBytes <= 0 || maxRecordBytes <= RecordCodec.HEADER_BYTES + RecordCodec.FIXED_BODY_BYTES) {
        throw new IllegalArgumentException("quotaBytes, segmentBytes and maxRecordBytes must be positive");
      }
      if (maxRecordBytes > quotaBytes) {
        throw new IllegalArgumentException("maxRecordBytes must not exceed quotaBytes");
      }
    }

    public static Settings defaults() {
      return new Settings(DEFAULT_QUOTA_BYTES, DEFAULT_SEGMENT_BYTES, DEFAULT_MAX_RECORD_BYTES);
    }

    public static Settings withQuota(long quotaBytes) {
      return new Settings(quotaBytes, Math.min(DEFAULT_SEGMENT_BYTES, Math.max(1, quotaBytes / 4)),
          (int) Math.min(DEFAULT_MAX_RECORD_BYTES, quotaBytes));
    }
  }

  private final Path dir;
  private final Settings settings;
  private final InstantSource clock;
  private final DirectoryLock lock;
  private final CursorFile cursor;
  private final QuotaAlarm alarm;
  private final TreeMap<Long, Segment> segments;
  private final RecordPosition readHint = new RecordPosition();
  private final RecordPosition headHint = new RecordPosition();
  /** Serialises fsyncs, which run outside the monitor. */
  private final Object syncLock = new Object();
  /** Sequence ranges (first to end) taken back out after a failed fsync. */
  private final NavigableMap<Long, Long> burntRanges = new TreeMap<>();
  private Segment active;
  private Acknowledgements acks = new Acknowledgements(0);
  private long nextSequence;
  /** Sequences below it are fsynced (or burnt): the watermark never reaches it. */
  private long durableEnd;
  private long diskBytes;
  private boolean closed;

  private FileOutbox(Path dir, Settings settings, InstantSource clock, DirectoryLock lock,
                     CursorFile cursor, TreeMap<Long, Segment> segments) {
    this.dir = dir;
    this.settings = settings;
    this.clock = clock;
    this.lock = lock;
    this.cursor = cursor;
    this.segments = segments;
    this.alarm = new QuotaAlarm(dir.toString());
  }

  /**
   * Opens (creating if needed) the outbox in {@code dir}, recovering what a crash left behind.
   *
   * @throws IOException when the directory cannot be used or another process holds it
   */
  public static FileOutbox open(Path dir, Settings settings, InstantSource clock) throws IOException {
    Files.createDirectories(dir);
    DirectoryLock lock = DirectoryLock.acquire(dir.resolve(LOCK_FILE), "Outbox directory " + dir);
    try {
      CursorFile cursor = CursorFile.open(dir.resolve(CURSOR_FILE));
      TreeMap<Long, Segment> segments = Segment.recoverAll(dir, settings.maxRecordBytes() - RecordCodec.HEADER_BYTES);
      FileOutbox outbox = new FileOutbox(dir, settings, clock, lock, cursor, segments);
      outbox.recoverState();
      return outbox;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private void recoverState() throws IOException {
    long watermark = cursor.watermark();
    if (!segments.isEmpty()) {
      // Segments below the first one left were deleted because they were delivered.
      watermark = Math.max(watermark, segments.firstKey() - 1);
      nextSequence = Math.max(segments.lastEntry().getValue().endSequence(), watermark + 1);
    } else {
      nextSequence = watermark + 1;
    }
    acks = new Acknowledgements(watermark);
    durableEnd = nextSequence;
    for (Segment s : segments.values()) {
      diskBytes += s.size();
    }
    if (!segments.isEmpty() && segments.lastEntry().getValue().endSequence() == nextSequence) {
      active = segments.lastEntry().getValue();
    }
    deleteDelivered();
    alarm.update(diskBytes, settings.quotaBytes(), false);
  }

  @Override
  public List<Long> write(List<OutboxMessage> messages) throws IOException {
    long total = 0;
    for (OutboxMessage message : messages) {
      int size = RecordCodec.encodedSize(message);
      if (size > settings.maxRecordBytes()) {
        throw new IllegalArgumentException("event of " + size + " bytes exceeds the outbox record limit of "
            + settings.maxRecordBytes() + " bytes (topic " + message.topic() + ")");
      }
      total += size;
    }
    return writeLocked(messages, total).sequences();
  }

  @Override
  public void sync(long first, long end) throws IOException {
    synchronized (syncLock) {
      List<Segment> unsynced = null;
      long target = 0;
      synchronized (this) {
        if (end > durableEnd) {
          target = nextSequence;
          unsynced = UnsyncedTail.segments(segments, durableEnd);
        }
      }
      if (unsynced != null) {
        try {
          for (Segment s : unsynced) {
            s.sync(); // outside the monitor: writes, reads and acknowledgements go on during the fsync
          }
        } catch (IOException e) {
          synchronized (this) {
            burnUnsynced(e);
          }
          throw e;
        }
        synchronized (this) {
          durableEnd = Math.max(durableEnd, target);
          advanceWatermarkAfterSync();
        }
      }
      synchronized (this) {
        Map.Entry<Long, Long> burnt = burntRanges.lowerEntry(end);
        if (burnt != null && burnt.getValue() > first) {
          throw new IOException("outbox " + dir + " took entries " + first + "-" + (end - 1) + " back out after a"
              + " failed fsync; they are not stored");
        }
      }
    }
  }

  /**
   * Takes back every record not yet fsynced, after an fsync failed (the kernel may have dropped those
   * pages). They may have been read and published already, so their sequences are burnt, never given
   * out again: the next write starts a new segment after them, what was acknowledged of them is
   * forgotten, and {@link #sync} reports them as not stored. Caller holds the monitor.
   */
  private void burnUnsynced(IOException failure) {
    long from = durableEnd;
    UnsyncedTail.cutBack(segments, from, failure);
    active = null;
    diskBytes = segments.values().stream().mapToLong(Segment::size).sum();
    acks.forget(from, nextSequence);
    burntRanges.put(from, nextSequence);
    durableEnd = nextSequence;
    advanceWatermarkAfterSync();
    alarm.update(diskBytes, settings.quotaBytes(), false);
  }

  /** Writes the records of one batch, not yet durable. On failure nothing of it is left. */
  private synchronized AppendBatch writeLocked(List<OutboxMessage> messages, long total) throws IOException {
    ensureOpen();
    if (diskBytes + total > settings.quotaBytes() && active != null && active.endSequence() - 1 <= acks.watermark()) {
      // The newest segment is all delivered: give its space back before refusing anything.
      retireActive();
    }
    if (diskBytes + total > settings.quotaBytes()) {
      alarm.rejected(diskBytes, settings.quotaBytes());
      throw new OutboxFullException("outbox " + dir + " is full (" + diskBytes + " of " + settings.quotaBytes()
          + " bytes used); " + (messages.size() == 1 ? "event for " + messages.get(0).topic() : messages.size()
          + " events") + " not stored");
    }
    AppendBatch batch = new AppendBatch(nextSequence, active);
    try {
      for (OutboxMessage message : messages) {
        int size = RecordCodec.encodedSize(message);
        if (active == null || (active.records() > 0 && active.size() + size > settings.segmentBytes())) {
          active = Segment.create(dir, nextSequence);
          segments.put(active.firstSequence(), active);
          syncDirectory();
          deleteDelivered(); // the previous segment may be all delivered already
        }
        batch.touch(active);
        active.write(RecordCodec.encode(nextSequence, clock.instant(), message));
        diskBytes += size;
        batch.wrote(size);
        nextSequence++;
      }
    } catch (IOException e) {
      undo(batch, e);
      throw e;
    }
    alarm.update(diskBytes, settings.quotaBytes(), true);
    return batch;
  }

  /** Takes a batch whose write failed (nothing of it was readable) back out, so it leaves nothing behind. */
  private void undo(AppendBatch batch, IOException failure) {
    batch.cutBack(segments, failure);
    Segment previous = batch.previousActive();
    active = previous != null && segments.get(previous.firstSequence()) == previous ? previous : null;
    nextSequence = batch.firstSequence();
    diskBytes -= batch.bytes();
  }

  @Override
  public synchronized List<OutboxEntry> read(long fromSequence, int max) throws IOException {
    ensureOpen();
    List<OutboxEntry> result = new ArrayList<>(Math.min(max, 256));
    RecordPosition p = readHint.locate(segments, Math.max(fromSequence, acks.watermark() + 1));
    while (p != null && result.size() < max && p.sequence() < nextSequence) {
      if (!acks.acknowledged(p.sequence())) {
        result.add(RecordCodec.decode(p.segment().readBody(p.offset())));
      }
      if (!p.advance(segments)) {
        break;
      }
    }
    return result;
  }

  @Override
  public synchronized void markDelivered(long sequence) throws IOException {
    if (closed || acks.acknowledged(sequence) || !RecordPosition.held(segments, sequence)) {
      return; // delivered already, or a sequence no segment holds (a gap, a burnt batch)
    }
    acks.add(sequence);
    advanceWatermark();
  }

  /** After a batch became durable (or was burnt): acknowledgements that beat the fsync take effect. */
  private void advanceWatermarkAfterSync() {
    try {
      advanceWatermark();
    } catch (IOException e) {
      // The append itself is durable; the watermark is kept in memory and written with the next acknowledgement.
      log.warn("Could not record the outbox delivery watermark in {}: {}", dir, e.getMessage());
    }
  }

  /** Moves the watermark over acknowledged, durable records and over gaps. Caller holds the monitor. */
  private void advanceWatermark() throws IOException {
    if (acks.advance(segments, durableEnd)) {
      cursor.write(acks.watermark());
      deleteDelivered();
      alarm.update(diskBytes, settings.quotaBytes(), false);
    }
  }

  @Override
  public synchronized long firstPendingSequence() {
    return Math.min(RecordPosition.firstExistingAtOrAfter(segments, acks.watermark() + 1), nextSequence);
  }

  @Override
  public synchronized OutboxStats stats() {
    long watermark = acks.watermark();
    long depth = -acks.waiting();
    for (Segment s : segments.values()) {
      depth += Math.max(0, s.endSequence() - Math.max(s.firstSequence(), watermark + 1));
    }
    Optional<java.time.Instant> oldest = Optional.empty();
    if (depth > 0 && !closed) {
      try {
        RecordPosition head = headHint.locate(segments, watermark + 1);
        if (head != null) {
          oldest = Optional.of(RecordCodec.appendedAt(head.segment().readBody(head.offset())));
        }
      } catch (IOException e) {
        // Only the age is missing from this snapshot; reads report the same failure to the publisher.
      }
    }
    return new OutboxStats(depth, diskBytes, settings.quotaBytes(), oldest, alarm.level());
  }

  /** The settings this outbox was opened with. */
  public Settings settings() {
    return settings;
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      cursor.close();
      for (Segment s : segments.values()) {
        s.close();
      }
    } finally {
      lock.close();
    }
  }

  /**
   * Deletes the oldest segments while every record in them is delivered. The segment being appended to
   * is kept even then: deleting it would cost a file create, a delete and two extra fsyncs per event
   * whenever the broker keeps up, which is the normal case.
   */
  private void deleteDelivered() throws IOException {
    boolean synced = false;
    while (!segments.isEmpty()) {
      Segment first = segments.firstEntry().getValue();
      if (first.endSequence() - 1 > acks.watermark() || first == active) {
        break;
      }
      if (!synced) {
        cursor.write(acks.watermark());
        cursor.sync();
        synced = true;
      }
      segments.pollFirstEntry();
      diskBytes -= first.size();
      first.delete();
    }
  }

  /** Deletes the all-delivered segment being appended to; the next append starts a new one. */
  private void retireActive() throws IOException {
    Segment retired = active;
    active = null;
    deleteDelivered();
    if (segments.get(retired.firstSequence()) == retired) {
      throw new IllegalStateException("outbox segment " + retired.path() + " is not the oldest yet all delivered");
    }
  }

  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Not every platform can fsync a directory; the record fsync still holds on Linux filesystems.
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("outbox " + dir + " is closed");
    }
  }
}
