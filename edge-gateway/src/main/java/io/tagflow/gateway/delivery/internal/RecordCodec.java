package io.tagflow.gateway.delivery.internal;

import io.tagflow.gateway.delivery.OutboxEntry;
import io.tagflow.gateway.delivery.OutboxMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of one outbox record. All integers are big-endian.
 *
 * <pre>
 *   int   bodyLength          bytes that follow the 8-byte header
 *   int   crc32c(body)        detects a torn or corrupted record on recovery
 *   body:
 *     long  sequence
 *     long  appendedAt        epoch milliseconds
 *     byte  flags             bit 0: retained
 *     u16   topicLength
 *     byte[topicLength]       topic, UTF-8
 *     byte[...]               payload (the rest of the body)
 * </pre>
 */
public final class RecordCodec {
  /** Length and CRC. */
  public static final int HEADER_BYTES = 8;
  /** sequence, appendedAt, flags, topic length. */
  public static final int FIXED_BODY_BYTES = 8 + 8 + 1 + 2;
  private static final byte FLAG_RETAINED = 1;

  private RecordCodec() {
  }

  /** The whole record, header included, ready to write. */
  public static ByteBuffer encode(long sequence, Instant appendedAt, OutboxMessage message) {
    byte[] topic = message.topic().getBytes(StandardCharsets.UTF_8);
    int bodyLength = FIXED_BODY_BYTES + topic.length + message.payload().length;
    ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + bodyLength);
    buf.putInt(bodyLength).putInt(0)
        .putLong(sequence)
        .putLong(appendedAt.toEpochMilli())
        .put(message.retained() ? FLAG_RETAINED : 0)
        .putShort((short) topic.length)
        .put(topic)
        .put(message.payload());
    buf.putInt(4, crc(buf.array(), HEADER_BYTES, bodyLength));
    return buf.flip();
  }

  /** The size {@link #encode} would produce, to check quota and record limits before encoding. */
  public static int encodedSize(OutboxMessage message) {
    return HEADER_BYTES + FIXED_BODY_BYTES + message.topic().getBytes(StandardCharsets.UTF_8).length
        + message.payload().length;
  }

  /** Whether {@code body} (exactly one body) matches {@code expectedCrc} and is long enough to parse. */
  public static boolean valid(ByteBuffer body, int expectedCrc) {
    if (body.remaining() < FIXED_BODY_BYTES) {
      return false;
    }
    byte[] bytes = new byte[body.remaining()];
    body.duplicate().get(bytes);
    if (crc(bytes, 0, bytes.length) != expectedCrc) {
      return false;
    }
    int topicLength = Short.toUnsignedInt(body.getShort(body.position() + 17));
    return FIXED_BODY_BYTES + topicLength <= bytes.length;
  }

  /** The sequence stored in a body. */
  public static long sequence(ByteBuffer body) {
    return body.getLong(body.position());
  }

  /** The append time stored in a body. */
  public static Instant appendedAt(ByteBuffer body) {
    return Instant.ofEpochMilli(body.getLong(body.position() + 8));
  }

  /** Parses a body already checked by {@link #valid}. */
  public static OutboxEntry decode(ByteBuffer body) {
    ByteBuffer b = body.duplicate();
    long sequence = b.getLong();
    long appendedAt = b.getLong();
    boolean retained = (b.get() & FLAG_RETAINED) != 0;
    byte[] topic = new byte[Short.toUnsignedInt(b.getShort())];
    b.get(topic);
    byte[] payload = new byte[b.remaining()];
    b.get(payload);
    return new OutboxEntry(sequence, Instant.ofEpochMilli(appendedAt),
        new OutboxMessage(new String(topic, StandardCharsets.UTF_8), payload, retained));
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
