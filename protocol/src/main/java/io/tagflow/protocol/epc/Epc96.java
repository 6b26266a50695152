package io.tagflow.protocol.epc;

import java.util.HexFormat;

/**
 * A 96-bit EPC as read from a tag's EPC memory bank (after the PC word), held as two primitives so it
 * can be a hash key or a record field without a byte array.
 *
 * @param high bits 95..32 (the header is the top byte)
 * @param low bits 31..0
 */
public record Epc96(long high, int low) {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  /** Parses 24 hex digits (either case). */
  public static Epc96 fromHex(String hex) {
    if (hex.length() != 24) {
      throw new IllegalArgumentException("a 96-bit EPC needs 24 hex digits, got " + hex.length());
    }
    try {
      return new Epc96(Long.parseUnsignedLong(hex, 0, 16, 16),
          Integer.parseUnsignedInt(hex, 16, 24, 16));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a hex EPC: " + hex);
    }
  }

  /** Reads 12 bytes, most significant first, starting at {@code offset}. */
  public static Epc96 fromBytes(byte[] bytes, int offset) {
    if (offset < 0 || bytes.length - offset < 12) {
      throw new IllegalArgumentException("a 96-bit EPC needs 12 bytes from offset " + offset);
    }
    long high = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (bytes[offset + i] & 0xFF);
    }
    int low = 0;
    for (int i = 8; i < 12; i++) {
      low = (low << 8) | (bytes[offset + i] & 0xFF);
    }
    return new Epc96(high, low);
  }

  /** The 8-bit header (TDS §14.2). */
  public int header() {
    return (int) (high >>> 56);
  }

  /** The 12 bytes, most significant first. */
  public byte[] toBytes() {
    byte[] out = new byte[12];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (high >>> (56 - 8 * i));
    }
    for (int i = 0; i < 4; i++) {
      out[8 + i] = (byte) (low >>> (24 - 8 * i));
    }
    return out;
  }

  /** 24 upper-case hex digits, the form readers and logs use. */
  public String toHex() {
    return HEX.toHexDigits(high) + HEX.toHexDigits(low);
  }

  /**
   * The unsigned value of {@code length} bits (1..63) starting {@code offset} bits below the most
   * significant bit. Does not allocate.
   */
  public static long bits(long high, int low, int offset, int length) {
    long lowBits = low & 0xFFFF_FFFFL;
    long mask = (1L << length) - 1;
    int end = offset + length;
    if (end <= 64) {
      return (high >>> (64 - end)) & mask;
    }
    if (offset >= 64) {
      return (lowBits >>> (96 - end)) & mask;
    }
    int fromLow = end - 64;
    return ((high << fromLow) | (lowBits >>> (32 - fromLow))) & mask;
  }

  /** As {@link #bits(long, int, int, int)} on this EPC. */
  public long bits(int offset, int length) {
    return bits(high, low, offset, length);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
