package io.tagflow.gateway.delivery.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One group commit of the file outbox in progress: the sequences it was given, and for every segment
 * it wrote to, the length that segment had before, so a failed write or fsync can be cut back out.
 */
public final class AppendBatch {
  private final long firstSequence;
  private final Segment previousActive;
  private final List<Segment> touched = new ArrayList<>(2);
  private final List<long[]> before = new ArrayList<>(2);
  private long bytes;
  private long records;

  /** A batch starting at {@code firstSequence}; {@code previousActive} is the segment appended to before it, or null. */
  public AppendBatch(long firstSequence, Segment previousActive) {
    this.firstSequence = firstSequence;
    this.previousActive = previousActive;
  }

  /** Notes that the next record goes to {@code segment}, remembering its length the first time. */
  public void touch(Segment segment) {
    if (touched.isEmpty() || touched.get(touched.size() - 1) != segment) {
      touched.add(segment);
      before.add(new long[] {segment.size(), segment.records()});
    }
  }

  /** Counts one record of {@code size} bytes written. */
  public void wrote(int size) {
    bytes += size;
    records++;
  }

  /** Fsyncs every segment the batch wrote to. */
  public void sync() throws IOException {
    for (Segment s : touched) {
      s.sync();
    }
  }

  /** True when the batch started {@code segment} (it held no record before). */
  public boolean created(Segment segment) {
    return before.get(touched.indexOf(segment))[1] == 0 && segment != previousActive;
  }

  /** Cuts {@code segment} back to its length before the batch. */
  public void restore(Segment segment) throws IOException {
    long[] b = before.get(touched.indexOf(segment));
    segment.truncate(b[0], b[1]);
  }

  public List<Segment> touched() {
    return touched;
  }

  public Segment previousActive() {
    return previousActive;
  }

  public long firstSequence() {
    return firstSequence;
  }

  /** One past the last sequence of the batch. */
  public long endSequence() {
    return firstSequence + records;
  }

  /** Bytes the batch wrote. */
  public long bytes() {
    return bytes;
  }

  /** The sequences given to the batch's records, in order. */
  public List<Long> sequences() {
    List<Long> sequences = new ArrayList<>((int) records);
    for (long s = firstSequence; s < firstSequence + records; s++) {
      sequences.add(s);
    }
    return sequences;
  }
}
