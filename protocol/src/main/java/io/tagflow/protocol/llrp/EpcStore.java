package io.tagflow.protocol.llrp;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The EPCs of a {@link TagReportBatch}: every tag's EPC bytes back to back in one shared byte
 * array, exactly as they came off the wire (big-endian, padding bits of the last byte included),
 * with a per-tag offset and bit length. The array grows (doubling) only when a report holds more
 * EPC bytes than any before it. Indexes are the batch's tag indexes and are not checked here: the
 * batch owns the bounds.
 */
final class EpcStore {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private int[] offset;
  private int[] bits;
  private byte[] bytes;
  private int used;

  EpcStore(int tags) {
    offset = new int[tags];
    bits = new int[tags];
    bytes = new byte[tags * 12];
  }

  void clear() {
    used = 0;
  }

  int byteCapacity() {
    return bytes.length;
  }

  void growTags(int capacity) {
    offset = Arrays.copyOf(offset, capacity);
    bits = Arrays.copyOf(bits, capacity);
  }

  /** Gives tag {@code i} an empty EPC at the end of the store. */
  void begin(int i) {
    bits[i] = 0;
    offset[i] = used;
  }

  int bitLength(int i) {
    return bits[i];
  }

  int byteLength(int i) {
    return (bits[i] + 7) >>> 3;
  }

  int byteAt(int i, int k) {
    return bytes[offset[i] + k] & 0xFF;
  }

  void copy(int i, byte[] dst, int dstOffset) {
    System.arraycopy(bytes, offset[i], dst, dstOffset, byteLength(i));
  }

  void write(int i, ByteBuf dst) {
    dst.writeBytes(bytes, offset[i], byteLength(i));
  }

  /**
   * See {@link TagReportBatch#epcWord(int, int)}. When 8 bytes from the word's start are inside the
   * array (always, but for the last EPC near the array's end), one load and a mask of the bytes
   * past the EPC's end, which belong to the next EPC or to nothing.
   */
  long word(int i, int n) {
    int len = byteLength(i);
    int start = n << 3;
    if (n < 0 || start >= len) {
      return 0;
    }
    int off = offset[i] + start;
    int avail = len - start;
    if (off <= bytes.length - Long.BYTES) {
      long word = (long) LONG_BE.get(bytes, off);
      return avail >= Long.BYTES ? word : word & (-1L << ((Long.BYTES - avail) << 3));
    }
    long word = 0;
    for (int k = 0; k < avail; k++) {
      word |= (bytes[off + k] & 0xFFL) << (56 - 8 * k);
    }
    return word;
  }

  String hex(int i) {
    int n = byteLength(i);
    int off = offset[i];
    char[] out = new char[n * 2];
    for (int k = 0; k < n; k++) {
      int b = bytes[off + k] & 0xFF;
      out[2 * k] = HEX[b >>> 4];
      out[2 * k + 1] = HEX[b & 0xF];
    }
    return new String(out);
  }

  boolean equals(int i, byte[] epc, int bitLength) {
    if (bits[i] != bitLength) {
      return false;
    }
    int n = byteLength(i);
    int off = offset[i];
    return Arrays.equals(bytes, off, off + n, epc, 0, n);
  }

  /** Sets tag {@code i}'s EPC to {@code src[srcOffset ..]}; the caller has checked the range. */
  void put(int i, byte[] src, int srcOffset, int bitLength) {
    int off = reserve(i, bitLength); // before reading the field: reserving may replace the array
    System.arraycopy(src, srcOffset, bytes, off, (bitLength + 7) >>> 3);
  }

  /** Sets tag {@code i}'s EPC from {@code in}; the decoder has bounds-checked the range. */
  void put(int i, ByteBuffer in, int index, int bitLength) {
    int off = reserve(i, bitLength);
    in.get(index, bytes, off, (bitLength + 7) >>> 3);
  }

  /** Sets tag {@code i}'s EPC to a 96-bit value: two stores instead of a 12-byte copy. */
  void put96(int i, long high64, int low32) {
    int off = reserve(i, 96);
    LONG_BE.set(bytes, off, high64);
    INT_BE.set(bytes, off + 8, low32);
  }

  /** Makes room for {@code n} more EPC bytes, for the decoder's fast path; see {@link #placeRun}. */
  void ensureBytes(int n) {
    if (used + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + n));
    }
  }

  /**
   * Appends the EPCs of tags {@code first .. first + tags}, each of {@code bitLength} bits, read
   * from {@code in} at {@code at}, {@code at + stride}, ...: the decoder's fast path, which has
   * bounds-checked the reads and made room with {@link #ensureBytes}. A 12-byte EPC is copied as
   * two words.
   */
  void placeRun(int first, int tags, ByteBuffer in, int at, int stride, int bitLength) {
    int n = (bitLength + 7) >>> 3;
    int off = used;
    byte[] dst = bytes;
    int[] offsets = offset;
    int[] lengths = bits;
    for (int i = first; i < first + tags; i++, at += stride, off += n) {
      offsets[i] = off;
      lengths[i] = bitLength;
      if (n == 12) {
        LONG_BE.set(dst, off, in.getLong(at));
        INT_BE.set(dst, off + 8, in.getInt(at + 8));
      } else {
        in.get(at, dst, off, n);
      }
    }
    used = off;
  }

  /** Copies tag {@code i} of {@code source} to tag {@code j} here. */
  void putFrom(int j, EpcStore source, int i) {
    put(j, source.bytes, source.offset[i], source.bits[i]);
  }

  private int reserve(int i, int bitLength) {
    int n = (bitLength + 7) >>> 3;
    if (used + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + n));
    }
    int off = used;
    offset[i] = off;
    bits[i] = bitLength;
    used = off + n;
    return off;
  }
}
