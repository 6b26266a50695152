package io.tagflow.gateway.delivery.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The outbox's delivery watermark: every sequence at or below it is delivered. It lives in two 16-byte
 * slots written alternately ({@code long watermark, int crc32c, int 0}), so that a write torn by a crash
 * leaves the other slot intact; recovery takes the highest valid slot.
 *
 * <p>Writes are not fsynced one by one: losing the newest watermark in a crash only makes the outbox
 * publish some delivered entries again, which at-least-once delivery allows. {@link #sync} makes it
 * durable where that matters (before segment files are deleted, on close).
 */
public final class CursorFile implements AutoCloseable {
  private static final int SLOT_BYTES = 16;

  private final FileChannel channel;
  private int nextSlot;
  private long watermark;

  private CursorFile(FileChannel channel, long watermark, int nextSlot) {
    this.channel = channel;
    this.watermark = watermark;
    this.nextSlot = nextSlot;
  }

  /** Opens or creates the cursor file; a missing or unreadable file means watermark 0. */
  public static CursorFile open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    long best = 0;
    int bestSlot = -1;
    for (int slot = 0; slot < 2; slot++) {
      ByteBuffer buf = ByteBuffer.allocate(SLOT_BYTES);
      int read = channel.read(buf, (long) slot * SLOT_BYTES);
      if (read < SLOT_BYTES) {
        continue;
      }
      long value = buf.getLong(0);
      if (buf.getInt(8) == crcOf(value) && value >= best) {
        best = value;
        bestSlot = slot;
      }
    }
    return new CursorFile(channel, best, bestSlot == 0 ? 1 : 0);
  }

  public long watermark() {
    return watermark;
  }

  /** Records a new watermark (not fsynced). */
  public void write(long value) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(SLOT_BYTES);
    buf.putLong(value).putInt(crcOf(value)).putInt(0).flip();
    while (buf.hasRemaining()) {
      channel.write(buf, (long) nextSlot * SLOT_BYTES + buf.position());
    }
    nextSlot ^= 1;
    watermark = value;
  }

  /** Makes the last written watermark durable. */
  public void sync() throws IOException {
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    try {
      channel.force(false);
    } finally {
      channel.close();
    }
  }

  private static int crcOf(long value) {
    byte[] bytes = ByteBuffer.allocate(8).putLong(value).array();
    return RecordCodec.crc(bytes, 0, 8);
  }
}
