package io.tagflow.gateway.delivery.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

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

  /**
   * Takes the batch's records back out: segments it started are removed from {@code segments} and
   * deleted, the others cut back to their length before it. Failures are added to {@code failure}.
   */
  public void cutBack(TreeMap<Long, Segment> segments, IOException failure) {
    for (int i = 0; i < touched.size(); i++) {
      Segment s = touched.get(i);
      long[] b = before.get(i);
      try {
        if (b[1] == 0 && s != previousActive) {
          segments.remove(s.firstSequence());
          s.delete();
        } else {
          s.truncate(b[0], b[1]);
        }
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
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
