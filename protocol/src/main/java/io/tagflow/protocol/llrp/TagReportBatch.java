package io.tagflow.protocol.llrp;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The tags of one RO_ACCESS_REPORT, held flat: parallel primitive arrays indexed by tag, with no
 * object per tag. A batch is meant to be reused: {@link #clear()} keeps the arrays, and they grow
 * (doubling) only when a report holds more tags or EPC bytes than any before it.
 *
 * <p>Each tag has an EPC of any bit length (LLRP EPCData or EPC-96), stored in one shared byte
 * array exactly as it came off the wire (big-endian, padding bits of the last byte included), and
 * any subset of the optional {@link TagField}s, recorded in a per-tag presence mask. Values are
 * stored as {@code long}: unsigned fields zero-extended, PeakRSSI sign-extended, 64-bit timestamps
 * as their raw bits.
 *
 * <p>Not thread-safe: one batch belongs to one connection's decoder or one simulator at a time.
 * Tag indexes are {@code 0 <= i < size()}; an index outside that range is a programming error and
 * fails with {@link IndexOutOfBoundsException} or gives undefined values, as for arrays.
 */
public final class TagReportBatch {
  /** Tags a new batch has room for before it grows. */
  public static final int DEFAULT_INITIAL_TAGS = 64;

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private int size;
  private int[] epcOffset;
  private int[] epcBits;
  private int[] present;
  private byte[] epcBytes;
  private int epcUsed;
  private final long[][] values = new long[TagField.COUNT][];

  public TagReportBatch() {
    this(DEFAULT_INITIAL_TAGS);
  }

  /** A batch with room for {@code initialTags} 96-bit tags before it grows. */
  public TagReportBatch(int initialTags) {
    if (initialTags < 1) {
      throw new IllegalArgumentException("initialTags must be positive");
    }
    epcOffset = new int[initialTags];
    epcBits = new int[initialTags];
    present = new int[initialTags];
    epcBytes = new byte[initialTags * 12];
    for (int f = 0; f < values.length; f++) {
      values[f] = new long[initialTags];
    }
  }

  /** Number of tags in the batch. */
  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Empties the batch, keeping its arrays for the next report. */
  public void clear() {
    size = 0;
    epcUsed = 0;
  }

  /** Tags the batch holds before its arrays grow. */
  public int tagCapacity() {
    return present.length;
  }

  /** EPC bytes the batch holds before its EPC array grows. */
  public int epcByteCapacity() {
    return epcBytes.length;
  }

  // ---------------------------------------------------------------- EPC

  /** Length of tag {@code i}'s EPC in bits, as the reader reported it. */
  public int epcBitLength(int i) {
    return epcBits[i];
  }

  /** Bytes holding tag {@code i}'s EPC: {@code ceil(epcBitLength / 8)}. */
  public int epcByteLength(int i) {
    return (epcBits[i] + 7) >>> 3;
  }

  /** Byte {@code k} (0 = most significant) of tag {@code i}'s EPC, as an unsigned value. */
  public int epcByte(int i, int k) {
    if (k < 0 || k >= epcByteLength(i)) {
      throw new IndexOutOfBoundsException("EPC byte " + k + " of a " + epcBits[i] + "-bit EPC");
    }
    return epcBytes[epcOffset[i] + k] & 0xFF;
  }

  /**
   * Copies tag {@code i}'s EPC bytes into {@code dst} at {@code dstOffset}.
   *
   * @return the number of bytes copied, {@link #epcByteLength(int)}
   */
  public int copyEpc(int i, byte[] dst, int dstOffset) {
    int n = epcByteLength(i);
    System.arraycopy(epcBytes, epcOffset[i], dst, dstOffset, n);
    return n;
  }

  /** Copies tag {@code i}'s EPC bytes to the start of {@code dst}; returns the byte count. */
  public int copyEpc(int i, byte[] dst) {
    return copyEpc(i, dst, 0);
  }

  /** Writes tag {@code i}'s EPC bytes into {@code dst} at its writer index. */
  public void writeEpc(int i, ByteBuf dst) {
    dst.writeBytes(epcBytes, epcOffset[i], epcByteLength(i));
  }

  /**
   * The {@code n}-th big-endian 64-bit word of tag {@code i}'s EPC, zero-padded past its end. For
   * an EPC-96, word 0 is the first 8 bytes and word 1 holds the last 4 bytes in its high half.
   * Meant for hashing and comparing EPCs without copying them.
   */
  public long epcWord(int i, int n) {
    int len = epcByteLength(i);
    int start = n << 3;
    if (n < 0 || start >= len) {
      return 0;
    }
    int off = epcOffset[i] + start;
    int avail = len - start;
    if (avail >= 8) {
      return (long) LONG_BE.get(epcBytes, off);
    }
    long word = 0;
    int k = 0;
    if (avail >= 4) { // the tail of an EPC-96
      word = ((int) INT_BE.get(epcBytes, off) & 0xFFFF_FFFFL) << 32;
      k = 4;
    }
    for (; k < avail; k++) {
      word |= (epcBytes[off + k] & 0xFFL) << (56 - 8 * k);
    }
    return word;
  }

  /** Tag {@code i}'s EPC as upper-case hex. Allocates: for logs and tests, not the hot path. */
  public String epcHex(int i) {
    int n = epcByteLength(i);
    int off = epcOffset[i];
    char[] out = new char[n * 2];
    for (int k = 0; k < n; k++) {
      int b = epcBytes[off + k] & 0xFF;
      out[2 * k] = HEX[b >>> 4];
      out[2 * k + 1] = HEX[b & 0xF];
    }
    return new String(out);
  }

  /** True when tag {@code i}'s EPC equals {@code epc} (first {@code ceil(bitLength/8)} bytes). */
  public boolean epcEquals(int i, byte[] epc, int bitLength) {
    if (epcBits[i] != bitLength) {
      return false;
    }
    int n = epcByteLength(i);
    int off = epcOffset[i];
    return Arrays.equals(epcBytes, off, off + n, epc, 0, n);
  }

  // ---------------------------------------------------------------- optional fields

  /** Bit mask of the fields present on tag {@code i}, bit {@link TagField#ordinal()} per field. */
  public int presenceMask(int i) {
    return present[i];
  }

  /** True when tag {@code i} carries {@code field}. */
  public boolean has(int i, TagField field) {
    return (present[i] & field.bit()) != 0;
  }

  /**
   * Tag {@code i}'s value of {@code field}.
   *
   * @throws IllegalStateException when the tag does not carry the field; check {@link #has} first
   *     or use {@link #valueOr}
   */
  public long value(int i, TagField field) {
    if ((present[i] & field.bit()) == 0) {
      throw new IllegalStateException("tag " + i + " has no " + field);
    }
    return values[field.ordinal()][i];
  }

  /** Tag {@code i}'s value of {@code field}, or {@code absent} when the tag does not carry it. */
  public long valueOr(int i, TagField field, long absent) {
    return (present[i] & field.bit()) != 0 ? values[field.ordinal()][i] : absent;
  }

  public int antennaId(int i) {
    return (int) value(i, TagField.ANTENNA_ID);
  }

  /** Peak RSSI in dBm (signed). */
  public int peakRssi(int i) {
    return (int) value(i, TagField.PEAK_RSSI);
  }

  public int channelIndex(int i) {
    return (int) value(i, TagField.CHANNEL_INDEX);
  }

  /** Microseconds since the Unix epoch. */
  public long firstSeenTimestampUtc(int i) {
    return value(i, TagField.FIRST_SEEN_TIMESTAMP_UTC);
  }

  /** Microseconds since the reader booted. */
  public long firstSeenTimestampUptime(int i) {
    return value(i, TagField.FIRST_SEEN_TIMESTAMP_UPTIME);
  }

  /** Microseconds since the Unix epoch. */
  public long lastSeenTimestampUtc(int i) {
    return value(i, TagField.LAST_SEEN_TIMESTAMP_UTC);
  }

  /** Microseconds since the reader booted. */
  public long lastSeenTimestampUptime(int i) {
    return value(i, TagField.LAST_SEEN_TIMESTAMP_UPTIME);
  }

  public int tagSeenCount(int i) {
    return (int) value(i, TagField.TAG_SEEN_COUNT);
  }

  /** Unsigned 32-bit ROSpecID. */
  public long roSpecId(int i) {
    return value(i, TagField.RO_SPEC_ID);
  }

  public int specIndex(int i) {
    return (int) value(i, TagField.SPEC_INDEX);
  }

  public int inventoryParameterSpecId(int i) {
    return (int) value(i, TagField.INVENTORY_PARAMETER_SPEC_ID);
  }

  /** Unsigned 32-bit AccessSpecID. */
  public long accessSpecId(int i) {
    return value(i, TagField.ACCESS_SPEC_ID);
  }

  // ---------------------------------------------------------------- writing

  /**
   * Appends a tag with the EPC {@code epc[offset .. offset + ceil(bitLength/8))} and no optional
   * fields; returns its index for {@link #set}.
   */
  public int addTag(byte[] epc, int offset, int bitLength) {
    if (bitLength < 0 || bitLength > 0xFFFF) {
      throw new IllegalArgumentException("EPC bit length must be 0..65535, was " + bitLength);
    }
    int n = (bitLength + 7) >>> 3;
    if (offset < 0 || offset + n > epc.length) {
      throw new IllegalArgumentException("EPC of " + bitLength + " bits needs " + n + " bytes from offset " + offset);
    }
    int i = beginTag();
    int off = reserveEpc(i, bitLength);
    System.arraycopy(epc, offset, epcBytes, off, n);
    return i;
  }

  /** Appends a tag whose EPC is all of {@code epc} ({@code 8 * epc.length} bits). */
  public int addTag(byte[] epc) {
    return addTag(epc, 0, epc.length * 8);
  }

  /** Appends a tag with a 96-bit EPC given as its high 64 and low 32 bits; returns its index. */
  public int addEpc96(long high64, int low32) {
    int i = beginTag();
    putEpc96(i, high64, low32);
    return i;
  }

  /** Appends a copy of tag {@code i} of {@code source} (EPC and fields); returns its index here. */
  public int addFrom(TagReportBatch source, int i) {
    int j = addTag(source.epcBytes, source.epcOffset[i], source.epcBits[i]);
    int mask = source.present[i];
    present[j] = mask;
    for (int f = 0; f < values.length; f++) {
      if ((mask & (1 << f)) != 0) {
        values[f][j] = source.values[f][i];
      }
    }
    return j;
  }

  /**
   * Sets {@code field} of tag {@code i}, marking it present.
   *
   * @throws IllegalArgumentException when {@code value} does not fit the field's wire width
   */
  public TagReportBatch set(int i, TagField field, long value) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("tag " + i + " of " + size);
    }
    if (value < field.minValue() || value > field.maxValue()) {
      throw new IllegalArgumentException(field + " must be in " + field.minValue() + ".." + field.maxValue() + ", was " + value);
    }
    put(i, field.ordinal(), value);
    return this;
  }

  /** Removes {@code field} from tag {@code i}. */
  public TagReportBatch unset(int i, TagField field) {
    present[i] &= ~field.bit();
    return this;
  }

  // ---------------------------------------------------------------- decoder hooks

  /** Appends a tag with no EPC yet and no fields. */
  int beginTag() {
    int i = size;
    if (i == present.length) {
      growTags(i + 1);
    }
    present[i] = 0;
    epcBits[i] = 0;
    epcOffset[i] = epcUsed;
    size = i + 1;
    return i;
  }

  /** Sets tag {@code i}'s EPC from {@code in}, unchecked: the decoder has bounds-checked it. */
  void putEpc(int i, ByteBuffer in, int index, int bitLength) {
    int off = reserveEpc(i, bitLength);
    in.get(index, epcBytes, off, (bitLength + 7) >>> 3);
  }

  /** Sets tag {@code i}'s EPC to a 96-bit value: two stores instead of a 12-byte copy. */
  void putEpc96(int i, long high64, int low32) {
    int off = reserveEpc(i, 96);
    LONG_BE.set(epcBytes, off, high64);
    INT_BE.set(epcBytes, off + 8, low32);
  }

  /** Stores a field value unchecked: the decoder read it at the field's width. */
  void put(int i, int fieldOrdinal, long value) {
    values[fieldOrdinal][i] = value;
    present[i] |= 1 << fieldOrdinal;
  }

  /** Replaces tag {@code i}'s presence mask, unchecked: the decoder stored every value it marks. */
  void setPresence(int i, int mask) {
    present[i] = mask;
  }

  /**
   * The value arrays, indexed {@code [field ordinal][tag]}, for the decoder. The outer array is
   * stable; the inner arrays are replaced when the batch grows, so read them after
   * {@link #beginTag()}.
   */
  long[][] valueArrays() {
    return values;
  }

  /** Raw storage of one field's values, for the encoder. */
  long[] valuesOf(int fieldOrdinal) {
    return values[fieldOrdinal];
  }

  private int reserveEpc(int i, int bitLength) {
    int n = (bitLength + 7) >>> 3;
    if (epcUsed + n > epcBytes.length) {
      epcBytes = Arrays.copyOf(epcBytes, Math.max(epcBytes.length * 2, epcUsed + n));
    }
    int off = epcUsed;
    epcOffset[i] = off;
    epcBits[i] = bitLength;
    epcUsed = off + n;
    return off;
  }

  private void growTags(int needed) {
    int capacity = Math.max(present.length * 2, needed);
    epcOffset = Arrays.copyOf(epcOffset, capacity);
    epcBits = Arrays.copyOf(epcBits, capacity);
    present = Arrays.copyOf(present, capacity);
    for (int f = 0; f < values.length; f++) {
      values[f] = Arrays.copyOf(values[f], capacity);
    }
  }

  @Override
  public String toString() {
    return "TagReportBatch(" + size + " tags, capacity " + present.length + ")";
  }
}
