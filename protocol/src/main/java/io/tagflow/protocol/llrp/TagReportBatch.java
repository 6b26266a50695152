package io.tagflow.protocol.llrp;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The tags of one RO_ACCESS_REPORT, held flat: parallel primitive arrays indexed by tag, with no
 * object per tag. A batch is meant to be reused: {@link #clear()} keeps the arrays, and they grow
 * (doubling) only when a report holds more tags or EPC bytes than any before it.
 *
 * <p>Each tag has an EPC of any bit length (LLRP EPCData or EPC-96), stored in one shared byte
 * array exactly as it came off the wire (big-endian, padding bits of the last byte included), and
 * any subset of the optional {@link TagField}s, recorded in a per-tag presence mask. Values are
 * stored as {@code long}, one row of {@link TagField#COUNT} per tag: unsigned fields
 * zero-extended, PeakRSSI sign-extended, 64-bit timestamps as their raw bits.
 *
 * <p>Not thread-safe: one batch belongs to one connection's decoder or one simulator at a time.
 * Tag indexes are {@code 0 <= i < size()}; an index outside that range is a programming error and
 * fails with {@link IndexOutOfBoundsException} or gives undefined values, as for arrays.
 */
public final class TagReportBatch {
  /** Tags a new batch has room for before it grows. */
  public static final int DEFAULT_INITIAL_TAGS = 64;

  private static final int ROW = TagField.COUNT;

  private int size;
  private int[] present;
  /** Field values, row-major: tag {@code i}'s value of field {@code f} is at {@code i * ROW + f}. */
  private long[] values;
  private final EpcStore epcs;
  /** The decoder's learned tag layout; kept here so the decoder itself stays stateless. */
  private final TagLayout layout = new TagLayout();

  public TagReportBatch() {
    this(DEFAULT_INITIAL_TAGS);
  }

  /** A batch with room for {@code initialTags} 96-bit tags before it grows. */
  public TagReportBatch(int initialTags) {
    if (initialTags < 1) {
      throw new IllegalArgumentException("initialTags must be positive");
    }
    present = new int[initialTags];
    values = new long[initialTags * ROW];
    epcs = new EpcStore(initialTags);
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
    epcs.clear();
  }

  /** Tags the batch holds before its arrays grow. */
  public int tagCapacity() {
    return present.length;
  }

  /** EPC bytes the batch holds before its EPC array grows. */
  public int epcByteCapacity() {
    return epcs.byteCapacity();
  }

  // ---------------------------------------------------------------- EPC

  /** Length of tag {@code i}'s EPC in bits, as the reader reported it. */
  public int epcBitLength(int i) {
    return epcs.bitLength(i);
  }

  /** Bytes holding tag {@code i}'s EPC: {@code ceil(epcBitLength / 8)}. */
  public int epcByteLength(int i) {
    return epcs.byteLength(i);
  }

  /** Byte {@code k} (0 = most significant) of tag {@code i}'s EPC, as an unsigned value. */
  public int epcByte(int i, int k) {
    if (k < 0 || k >= epcByteLength(i)) {
      throw new IndexOutOfBoundsException("EPC byte " + k + " of a " + epcBitLength(i) + "-bit EPC");
    }
    return epcs.byteAt(i, k);
  }

  /**
   * Copies tag {@code i}'s EPC bytes into {@code dst} at {@code dstOffset}.
   *
   * @return the number of bytes copied, {@link #epcByteLength(int)}
   */
  public int copyEpc(int i, byte[] dst, int dstOffset) {
    epcs.copy(i, dst, dstOffset);
    return epcByteLength(i);
  }

  /** Copies tag {@code i}'s EPC bytes to the start of {@code dst}; returns the byte count. */
  public int copyEpc(int i, byte[] dst) {
    return copyEpc(i, dst, 0);
  }

  /** Writes tag {@code i}'s EPC bytes into {@code dst} at its writer index. */
  public void writeEpc(int i, ByteBuf dst) {
    epcs.write(i, dst);
  }

  /**
   * The {@code n}-th big-endian 64-bit word of tag {@code i}'s EPC, zero-padded past its end. For
   * an EPC-96, word 0 is the first 8 bytes and word 1 holds the last 4 bytes in its high half.
   * Meant for hashing and comparing EPCs without copying them.
   */
  public long epcWord(int i, int n) {
    return epcs.word(i, n);
  }

  /** Tag {@code i}'s EPC as upper-case hex. Allocates: for logs and tests, not the hot path. */
  public String epcHex(int i) {
    return epcs.hex(i);
  }

  /** True when tag {@code i}'s EPC equals {@code epc} (first {@code ceil(bitLength/8)} bytes). */
  public boolean epcEquals(int i, byte[] epc, int bitLength) {
    return epcs.equals(i, epc, bitLength);
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
    return values[i * ROW + field.ordinal()];
  }

  /** Tag {@code i}'s value of {@code field}, or {@code absent} when the tag does not carry it. */
  public long valueOr(int i, TagField field, long absent) {
    return (present[i] & field.bit()) != 0 ? values[i * ROW + field.ordinal()] : absent;
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
    epcs.put(i, epc, offset, bitLength);
    return i;
  }

  /** Appends a tag whose EPC is all of {@code epc} ({@code 8 * epc.length} bits). */
  public int addTag(byte[] epc) {
    return addTag(epc, 0, epc.length * 8);
  }

  /** Appends a tag with a 96-bit EPC given as its high 64 and low 32 bits; returns its index. */
  public int addEpc96(long high64, int low32) {
    int i = beginTag();
    epcs.put96(i, high64, low32);
    return i;
  }

  /** Appends a copy of tag {@code i} of {@code source} (EPC and fields); returns its index here. */
  public int addFrom(TagReportBatch source, int i) {
    int j = beginTag();
    epcs.putFrom(j, source.epcs, i);
    present[j] = source.present[i];
    System.arraycopy(source.values, i * ROW, values, j * ROW, ROW);
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
    values[i * ROW + field.ordinal()] = value;
    present[i] |= field.bit();
    return this;
  }

  /** Removes {@code field} from tag {@code i}. */
  public TagReportBatch unset(int i, TagField field) {
    present[i] &= ~field.bit();
    return this;
  }

  // ---------------------------------------------------------------- decoder and encoder hooks

  /** Appends a tag with no EPC yet and no fields. */
  int beginTag() {
    int i = size;
    if (i == present.length) {
      growTags(i + 1);
    }
    present[i] = 0;
    epcs.begin(i);
    size = i + 1;
    return i;
  }

  /** Sets tag {@code i}'s EPC from {@code in}, unchecked: the decoder has bounds-checked it. */
  void putEpc(int i, ByteBuffer in, int index, int bitLength) {
    epcs.put(i, in, index, bitLength);
  }

  /** Sets tag {@code i}'s EPC to a 96-bit value. */
  void putEpc96(int i, long high64, int low32) {
    epcs.put96(i, high64, low32);
  }

  /**
   * Makes room for {@code tags} more tags with {@code epcBytes} EPC bytes each, for the decoder's
   * fast path, which then writes the arrays directly and calls {@link #commitSize}. Read the arrays
   * after this call: it may replace them.
   */
  void ensureRoom(int tags, int epcBytes) {
    int needed = size + tags;
    if (needed > present.length) {
      growTags(needed);
    }
    epcs.ensureBytes(tags * epcBytes);
  }

  /**
   * Sets the size to {@code newSize} after the fast path wrote the tags up to it: presence,
   * values and EPC (with {@link EpcStore#placeRun}) of each, within the room {@link #ensureRoom} made.
   */
  void commitSize(int newSize) {
    size = newSize;
  }

  /** The presence masks for the decoder's fast path, indexed by tag. */
  int[] presenceRows() {
    return present;
  }

  /** The EPC storage for the decoder's fast path. */
  EpcStore epcStore() {
    return epcs;
  }

  /** Replaces tag {@code i}'s presence mask, unchecked: the decoder stored every value it marks. */
  void setPresence(int i, int mask) {
    present[i] = mask;
  }

  /**
   * The value rows for the decoder: tag {@code i}'s field {@code f} is at
   * {@code i * TagField.COUNT + f}. The array is replaced when the batch grows, so read it after
   * {@link #beginTag()}.
   */
  long[] valueRows() {
    return values;
  }

  /** Tag {@code i}'s raw value of field {@code fieldOrdinal}, present or not, for the encoder. */
  long rawValue(int i, int fieldOrdinal) {
    return values[i * ROW + fieldOrdinal];
  }

  /** The decoder's tag layout cache for this batch's connection. */
  TagLayout layout() {
    return layout;
  }

  private void growTags(int needed) {
    int capacity = Math.max(present.length * 2, needed);
    present = Arrays.copyOf(present, capacity);
    values = Arrays.copyOf(values, capacity * ROW);
    epcs.growTags(capacity);
  }

  @Override
  public String toString() {
    return "TagReportBatch(" + size + " tags, capacity " + present.length + ")";
  }
}
