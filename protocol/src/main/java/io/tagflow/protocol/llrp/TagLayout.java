package io.tagflow.protocol.llrp;

import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.EPC_DATA_HEADER_LENGTH;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TLV_EPC_DATA;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TLV_HEADER_LENGTH;
import static io.tagflow.protocol.llrp.internal.LlrpParameterTypes.TV_EPC_96;

import io.tagflow.protocol.llrp.internal.LlrpParameterTypes;
import java.nio.ByteBuffer;

/**
 * The fast path of {@link RoAccessReportDecoder}: the wire layout of one TagReportData (the shape a
 * fixed reader repeats for every tag of a report), learned from a tag the general decoder
 * accepted, so that a run of following tags of the same shape is read at fixed offsets instead of
 * being walked parameter by parameter.
 *
 * <p>What a layout pins down: the TagReportData's TLV header (type and length) and, for each of
 * its sub-parameters, the bytes the general decoder branches on: a TV parameter's type byte; a
 * TLV's type and length (its content is skipped, so a Custom or any other TLV may sit inside);
 * and for EPCData also its EPCLengthBits, so an EPC of any bit length is covered. Reserved bits are
 * masked off exactly as the general decoder ignores them. Those are the only bytes that decide
 * where each parameter starts, whether it is accepted and what is stored; so when a tag has all of
 * them equal to the learned tag's, the general decoder would walk exactly the learned parameters
 * and accept them, and the layout reads the same values at the same offsets, marks the same
 * fields present and stores the same EPC. A tag that differs in any of them goes to the general
 * decoder, which also owns every error, so the layout never rejects input.
 *
 * <p>How a tag is checked: those bytes are covered by a few 8-byte words of the tag (as few as a
 * greedy cover gives, usually 3 to 5); each word is loaded once, masked and compared, and the
 * differences are OR-ed so there is one branch per tag. Each value is read as one big-endian
 * 8-byte load that lies inside the tag (ending at the value's end, or starting at the tag's start
 * when the value ends in its first 8 bytes) and shifted down to its width, arithmetically for the
 * signed PeakRSSI. Every load of a tag lies in {@code [tag, tag + length)}, so one comparison per
 * tag, {@code length <= end - p}, bounds all of them: the last tag of a report takes this path too.
 *
 * <p>A run of matching tags is appended to the batch in one go: the run is measured, room for
 * exactly its tags is made once, then plain counted loops write the batch's arrays directly and
 * the batch's size is set once at the end.
 *
 * <p>Mutable and not thread-safe: one lives in each {@link TagReportBatch}, the decoder's
 * per-connection state, so the decoder itself stays stateless.
 */
final class TagLayout {
  /** Longest TagReportData a layout is learned for. */
  static final int MAX_LENGTH = 256;
  /** Check words in a layout; a TagReportData needing more is left to the general decoder. */
  static final int MAX_CHECKS = 12;
  /** Stored fields in a layout: a tag with a field twice is left to the general decoder. */
  static final int MAX_FIELDS = 24;
  /** Check words {@link #decodeRun} compares without a loop. */
  static final int UNROLLED_CHECKS = 4;

  /** Bytes of the whole TagReportData; 0 when nothing is learned. */
  private int length;
  private int checks;
  private final int[] checkOffset = new int[MAX_CHECKS];
  private final long[] checkMask = new long[MAX_CHECKS];
  private final long[] checkValue = new long[MAX_CHECKS];
  private int epcOffset;
  private int epcBits;
  private int epcBytes;
  private int fields;
  private int presence;
  /**
   * Per stored field, packed in one int so the loop loads one word per field: bits 0-7 the offset
   * of its 8-byte read in the tag, 8-11 the field ordinal, then three 6-bit shift counts: 12-17
   * left, 18-23 arithmetic right (both put the value in the low bits, sign-extended), 24-29 the
   * count by which -1 is shifted right to mask an unsigned value (0 for the signed PeakRSSI).
   * A long shift uses the low 6 bits of its count, so {@code spec >>> 12} needs no mask.
   */
  private final int[] fieldSpec = new int[MAX_FIELDS];
  /** Scratch of {@link #learn}: per tag byte, the bits the general decoder depends on. */
  private final byte[] significant = new byte[MAX_LENGTH];

  /** Bytes of a TagReportData of this layout, 0 when none is learned. */
  int length() {
    return length;
  }

  /**
   * True when the TagReportData at {@code p} has this layout and lies before {@code end}, the end
   * of the message.
   */
  boolean matches(ByteBuffer in, int p, int end) {
    int n = length;
    return n != 0 && n <= end - p && sameLayout(in, p);
  }

  private boolean sameLayout(ByteBuffer in, int p) {
    long diff = 0;
    for (int k = 0; k < checks; k++) {
      diff |= (in.getLong(p + checkOffset[k]) & checkMask[k]) ^ checkValue[k];
    }
    return diff == 0;
  }

  /**
   * Appends the run of tags of this layout that starts at {@code p}, if any, to {@code out} and
   * returns the offset after it ({@code p} when the tag at {@code p} does not match). First the
   * run is measured (every tag checked), then room is made for exactly its tags, then its EPCs
   * and its fields are stored in plain counted loops.
   */
  int decodeRun(ByteBuffer in, int p, int end, TagReportBatch out) {
    if (!matches(in, p, end)) {
      return p;
    }
    int tags = runLength(in, p, end);
    int first = out.size();
    out.ensureRoom(tags, epcBytes);
    out.epcStore().placeRun(first, tags, in, p + epcOffset, length, epcBits);
    storeFields(in, p, first, tags, out.valueRows(), out.presenceRows());
    out.commitSize(first + tags);
    return p + tags * length;
  }

  /**
   * Tags of this layout from {@code p} on, the one at {@code p} (which matches) included. The
   * layout's check words are copied to locals first; the first {@link #UNROLLED_CHECKS} are
   * compared straight-line (a layout with fewer repeats its first word), the rest in a loop.
   */
  private int runLength(ByteBuffer in, int p, int end) {
    int n = length;
    int o0 = checkOffset[0];
    int o1 = checkOffset[1];
    int o2 = checkOffset[2];
    int o3 = checkOffset[3];
    long m0 = checkMask[0];
    long m1 = checkMask[1];
    long m2 = checkMask[2];
    long m3 = checkMask[3];
    long v0 = checkValue[0];
    long v1 = checkValue[1];
    long v2 = checkValue[2];
    long v3 = checkValue[3];
    int more = checks;
    int tags = 1;
    for (int q = p + n; n <= end - q; q += n) {
      long diff = ((in.getLong(q + o0) & m0) ^ v0) | ((in.getLong(q + o1) & m1) ^ v1)
          | ((in.getLong(q + o2) & m2) ^ v2) | ((in.getLong(q + o3) & m3) ^ v3);
      for (int k = UNROLLED_CHECKS; k < more; k++) {
        diff |= (in.getLong(q + checkOffset[k]) & checkMask[k]) ^ checkValue[k];
      }
      if (diff != 0) {
        break;
      }
      tags++;
    }
    return tags;
  }

  /** Stores fields and presence of the {@code tags} tags from {@code p} on as tags {@code first, first + 1, ...}. */
  private void storeFields(ByteBuffer in, int p, int first, int tags, long[] values, int[] present) {
    int n = length;
    int count = fields;
    int mask = presence;
    int[] spec = fieldSpec;
    for (int t = 0; t < tags; t++, p += n) {
      int row = (first + t) * TagField.COUNT;
      for (int k = 0; k < count; k++) {
        int f = spec[k];
        long raw = in.getLong(p + (f & 0xFF));
        values[row + ((f >>> 8) & 0xF)] = ((raw << (f >>> 12)) >> (f >>> 18)) & (-1L >>> (f >>> 24));
      }
      present[first + t] = mask;
    }
  }

  /**
   * Learns the layout of the TagReportData at {@code [tagStart, tagEnd)}, which the general
   * decoder has just accepted, or forgets the layout when that tag is too long or needs too many
   * check words.
   */
  void learn(ByteBuffer in, int tagStart, int tagEnd) {
    length = 0;
    int len = tagEnd - tagStart;
    if (len > MAX_LENGTH) {
      return;
    }
    java.util.Arrays.fill(significant, 0, len, (byte) 0);
    tlvHeader(0);
    int stored = 0;
    int fieldMask = 0;
    for (int at = TLV_HEADER_LENGTH; at < len; ) {
      int head = in.get(tagStart + at) & 0xFF;
      if (head < 0x80) {
        tlvHeader(at);
        int paramLength = in.getShort(tagStart + at + 2) & 0xFFFF;
        if ((in.getShort(tagStart + at) & 0x3FF) == TLV_EPC_DATA) {
          significant[at + 4] = (byte) 0xFF;
          significant[at + 5] = (byte) 0xFF;
          epcBits = in.getShort(tagStart + at + 4) & 0xFFFF;
          epcBytes = (epcBits + 7) >>> 3;
          epcOffset = at + EPC_DATA_HEADER_LENGTH;
        }
        at += paramLength;
        continue;
      }
      significant[at] = (byte) 0xFF;
      int tvType = head & 0x7F;
      TagField field = TagField.fromTvType(tvType);
      if (field != null) {
        if ((fieldMask & field.bit()) != 0) {
          return; // a repeated field (the general decoder keeps the last): rare, not learned
        }
        fieldMask |= field.bit();
        addField(stored++, field, at + 1, len);
      } else if (tvType == TV_EPC_96) {
        epcBits = 96;
        epcBytes = 12;
        epcOffset = at + 1;
      }
      at += 1 + LlrpParameterTypes.tvValueLength(tvType);
    }
    if (!learnChecks(in, tagStart, len)) {
      return;
    }
    fields = stored;
    presence = fieldMask;
    length = len;
  }

  /** Marks the TLV header at {@code at}: bit 7 (TLV, not TV), the 10-bit type, the length. */
  private void tlvHeader(int at) {
    significant[at] = (byte) 0x83;
    significant[at + 1] = (byte) 0xFF;
    significant[at + 2] = (byte) 0xFF;
    significant[at + 3] = (byte) 0xFF;
  }

  /**
   * Field {@code k} is {@code field}, its value at {@code value} in a tag of {@code len} bytes:
   * read the 8 bytes that end at the value's end (or the tag's first 8 when it ends before them)
   * and shift the value down; see {@link #fieldSpec}.
   */
  private void addField(int k, TagField field, int value, int len) {
    int bits = 8 * field.valueLength();
    int valueEnd = value + field.valueLength();
    int read = Math.max(0, valueEnd - Long.BYTES);
    int below = 8 * (read + Long.BYTES - valueEnd); // bits of the word after the value
    int unsignedMask = field.signed() ? 0 : 64 - bits;
    fieldSpec[k] = read | field.ordinal() << 8 | (64 - bits - below) << 12 | (64 - bits) << 18 | unsignedMask << 24;
  }

  /** Covers the significant bytes with as few 8-byte words inside the tag as a greedy pass gives. */
  private boolean learnChecks(ByteBuffer in, int tagStart, int len) {
    int count = 0;
    for (int pos = 0; pos < len; ) {
      if (significant[pos] == 0) {
        pos++;
        continue;
      }
      if (count == MAX_CHECKS) {
        return false;
      }
      int word = Math.min(pos, len - Long.BYTES); // every tag has at least 10 bytes
      long mask = 0;
      for (int b = 0; b < Long.BYTES; b++) {
        mask = (mask << 8) | (significant[word + b] & 0xFF);
      }
      checkOffset[count] = word;
      checkMask[count] = mask;
      checkValue[count++] = in.getLong(tagStart + word) & mask;
      pos = word + Long.BYTES;
    }
    for (int k = count; k < UNROLLED_CHECKS; k++) { // unused straight-line slots repeat word 0
      checkOffset[k] = checkOffset[0];
      checkMask[k] = checkMask[0];
      checkValue[k] = checkValue[0];
    }
    checks = count;
    return true;
  }
}
