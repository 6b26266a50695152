package io.tagflow.gateway.delivery.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One append-only segment file of the outbox, named after the sequence of its first record. Only the
 * newest segment is appended to; older ones are read and, once every record in them is delivered,
 * deleted whole.
 */
public final class Segment {
  private static final Logger log = LoggerFactory.getLogger(Segment.class);
  private static final String PREFIX = "segment-";
  private static final String SUFFIX = ".log";

  private final Path path;
  private final long firstSequence;
  private final FileChannel channel;
  private long size;
  private long records;

  private Segment(Path path, long firstSequence, FileChannel channel, long size, long records) {
    this.path = path;
    this.firstSequence = firstSequence;
    this.channel = channel;
    this.size = size;
    this.records = records;
  }

  /** The file name of the segment starting at {@code firstSequence}. */
  public static String fileName(long firstSequence) {
    return PREFIX + String.format("%020d", firstSequence) + SUFFIX;
  }

  /** The first sequence encoded in a segment file name, if it is one. */
  public static Optional<Long> parseFileName(String name) {
    if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Recovers ({@link #recover}) every segment file in {@code dir}, keyed by first sequence; empty ones
   * are deleted.
   */
  public static TreeMap<Long, Segment> recoverAll(Path dir, int maxBodyBytes) throws IOException {
    TreeMap<Long, Path> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.forEach(p -> parseFileName(p.getFileName().toString()).ifPresent(first -> files.put(first, p)));
    }
    TreeMap<Long, Segment> segments = new TreeMap<>();
    for (Map.Entry<Long, Path> file : files.entrySet()) {
      Segment segment = recover(file.getValue(), file.getKey(), maxBodyBytes);
      if (segment.records() == 0) {
        segment.delete();
      } else {
        segments.put(segment.firstSequence(), segment);
      }
    }
    return segments;
  }

  /** Creates a new, empty segment; the caller fsyncs the directory. */
  public static Segment create(Path dir, long firstSequence) throws IOException {
    Path path = dir.resolve(fileName(firstSequence));
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    return new Segment(path, firstSequence, channel, 0, 0);
  }

  /**
   * Opens an existing segment and checks every record. At the first record that is cut short, fails
   * its CRC, is implausibly long or out of sequence, the file is truncated there (a torn write from a
   * crash leaves exactly such a tail) and that is logged once.
   *
   * @param maxBodyBytes the largest body a valid record can have
   */
  public static Segment recover(Path path, long firstSequence, int maxBodyBytes) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long fileSize = channel.size();
    long pos = 0;
    long records = 0;
    String problem = null;
    ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER_BYTES);
    while (pos < fileSize) {
      if (fileSize - pos < RecordCodec.HEADER_BYTES) {
        problem = "a record header cut short";
        break;
      }
      header.clear();
      readFully(channel, header, pos);
      int bodyLength = header.getInt(0);
      int crc = header.getInt(4);
      if (bodyLength < RecordCodec.FIXED_BODY_BYTES || bodyLength > maxBodyBytes) {
        problem = "an implausible record length " + bodyLength;
        break;
      }
      if (fileSize - pos - RecordCodec.HEADER_BYTES < bodyLength) {
        problem = "a record body cut short";
        break;
      }
      ByteBuffer body = ByteBuffer.allocate(bodyLength);
      readFully(channel, body, pos + RecordCodec.HEADER_BYTES);
      body.flip();
      if (!RecordCodec.valid(body, crc)) {
        problem = "a CRC32C mismatch";
        break;
      }
      if (RecordCodec.sequence(body) != firstSequence + records) {
        problem = "sequence " + RecordCodec.sequence(body) + " where " + (firstSequence + records) + " was expected";
        break;
      }
      pos += RecordCodec.HEADER_BYTES + bodyLength;
      records++;
    }
    if (problem != null) {
      log.warn("Outbox segment {} has {} at offset {} (file size {}); truncated it there, keeping {} records. "
          + "Expected once after a crash during an append to the newest segment; in an older one it means disk corruption.", path.getFileName(), problem, pos, fileSize, records);
      channel.truncate(pos);
      channel.force(true);
    }
    return new Segment(path, firstSequence, channel, pos, records);
  }

  /**
   * Writes one encoded record after the last one, not yet durable: {@link #sync} makes it so. On
   * failure the file is cut back to its previous size.
   */
  public void write(ByteBuffer record) throws IOException {
    long start = size;
    try {
      while (record.hasRemaining()) {
        channel.write(record, start + (record.position()));
      }
    } catch (IOException e) {
      try {
        channel.truncate(start);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    size = start + record.limit();
    records++;
  }

  /** Makes every record written so far durable (fsync of the file's data). */
  public void sync() throws IOException {
    channel.force(false);
  }

  /** Cuts the segment back to its first {@code keepRecords} records, {@code keepBytes} long. */
  public void truncate(long keepBytes, long keepRecords) throws IOException {
    channel.truncate(keepBytes);
    size = keepBytes;
    records = keepRecords;
  }

  /** The body of the record at {@code position}, checked against its CRC. */
  public ByteBuffer readBody(long position) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER_BYTES);
    readFully(channel, header, position);
    ByteBuffer body = ByteBuffer.allocate(header.getInt(0));
    readFully(channel, body, position + RecordCodec.HEADER_BYTES);
    body.flip();
    if (!RecordCodec.valid(body, header.getInt(4))) {
      throw new IOException("Outbox segment " + path.getFileName() + " is corrupt at offset " + position);
    }
    return body;
  }

  /** The position of the record after the one at {@code position}. */
  public long next(long position) throws IOException {
    ByteBuffer length = ByteBuffer.allocate(4);
    readFully(channel, length, position);
    return position + RecordCodec.HEADER_BYTES + length.getInt(0);
  }

  private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, pos);
      if (n < 0) {
        throw new EOFException("end of outbox segment at " + pos);
      }
      pos += n;
    }
  }

  public long firstSequence() {
    return firstSequence;
  }

  /** One past the last sequence in this segment. */
  public long endSequence() {
    return firstSequence + records;
  }

  public long records() {
    return records;
  }

  public long size() {
    return size;
  }

  public Path path() {
    return path;
  }

  public void close() throws IOException {
    channel.close();
  }

  /** Closes and deletes the file. */
  public void delete() throws IOException {
    channel.close();
    Files.deleteIfExists(path);
  }
}
