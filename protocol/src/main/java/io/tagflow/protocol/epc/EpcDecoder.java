package io.tagflow.protocol.epc;

/**
 * Decodes 96-bit binary EPCs (TDS §14.3.x "Decoding Procedure" per field type, with the coding tables
 * of §14.5) into {@link EpcIdentity} records.
 *
 * <p>Two levels. {@link #decode} builds the full record (URI strings, padded fields) and is meant for
 * the few tags that reach a decision. {@link #scheme(long)} and {@link #companyPrefixKey(long, int)}
 * are the hot path: they read the header, partition and company prefix straight from the bits and
 * never allocate, so a filter can match every read by scheme and company prefix.
 *
 * <p>Decoding never throws: bits that are not a valid encoding decode to {@link RawEpc}.
 */
public final class EpcDecoder {
  /** {@code POW10[n]} = 10^n, for the decimal range checks of TDS §14.3.1 (n up to 18). */
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private static final int DIGITS_SHIFT = 40;

  private EpcDecoder() {
  }

  /** Full decode of the 96 bits. */
  public static EpcIdentity decode(Epc96 epc) {
    EpcScheme scheme = scheme(epc.high());
    if (scheme == null) {
      return new RawEpc(epc);
    }
    if (scheme == EpcScheme.GID_96) {
      return new Gid(epc.bits(8, 28), epc.bits(36, 24), epc.bits(60, 36));
    }
    int filter = (int) epc.bits(8, 3);
    int partition = (int) epc.bits(11, 3);
    if (partition == 7) {
      return new RawEpc(epc);
    }
    PartitionTable table = PartitionTable.of(scheme);
    int prefixBits = table.companyPrefixBits(partition);
    int prefixDigits = table.companyPrefixDigits(partition);
    int refBits = table.referenceBits(partition);
    int refDigits = table.referenceDigits(partition);
    long prefix = epc.bits(PartitionTable.PREFIX_OFFSET, prefixBits);
    long ref = epc.bits(PartitionTable.PREFIX_OFFSET + prefixBits, refBits);
    int next = PartitionTable.PREFIX_OFFSET + prefixBits + refBits;
    if (prefix >= POW10[prefixDigits]
        || (scheme != EpcScheme.GIAI_96 && ref >= POW10[refDigits])) {
      return new RawEpc(epc);
    }
    String cp = Gs1.pad(prefix, prefixDigits);
    return switch (scheme) {
      case SGTIN_96 -> new Sgtin(filter, cp, Gs1.pad(ref, refDigits), epc.bits(next, 38));
      case SSCC_96 -> epc.bits(next, 24) != 0
          ? new RawEpc(epc) : new Sscc(filter, cp, Gs1.pad(ref, refDigits));
      case SGLN_96 -> new Sgln(filter, cp, Gs1.pad(ref, refDigits), epc.bits(next, 41));
      case GRAI_96 -> new Grai(filter, cp, Gs1.pad(ref, refDigits), epc.bits(next, 38));
      case GIAI_96 -> new Giai(filter, cp, ref);
      case GID_96 -> throw new AssertionError("handled above");
    };
  }

  /** The scheme named by the header byte of {@code high}, or null. Does not allocate. */
  public static EpcScheme scheme(long high) {
    return EpcScheme.fromCode((int) (high >>> 56));
  }

  /**
   * The company prefix packed in one long: its digit count in bits 40..43 and its value below, so
   * "0614141" and "00614141" differ. For GID the General Manager Number with a digit count of 0.
   * Returns -1 when the bits are not a valid encoding of a known scheme's prefix (unknown header,
   * partition 7, prefix out of range). Does not allocate; compare with {@link #companyPrefixKey(
   * EpcScheme, String)}.
   */
  public static long companyPrefixKey(long high, int low) {
    EpcScheme scheme = scheme(high);
    if (scheme == null) {
      return -1;
    }
    if (scheme == EpcScheme.GID_96) {
      return Epc96.bits(high, low, 8, 28);
    }
    int partition = (int) ((high >>> 50) & 7);
    if (partition == 7) {
      return -1;
    }
    PartitionTable table = PartitionTable.of(scheme);
    int digits = table.companyPrefixDigits(partition);
    long prefix = Epc96.bits(high, low, PartitionTable.PREFIX_OFFSET,
        table.companyPrefixBits(partition));
    return prefix >= POW10[digits] ? -1 : ((long) digits << DIGITS_SHIFT) | prefix;
  }

  /**
   * The key {@link #companyPrefixKey(long, int)} returns for EPCs of {@code scheme} with this
   * company prefix (6..12 digits; for GID the General Manager Number in decimal).
   */
  public static long companyPrefixKey(EpcScheme scheme, String companyPrefix) {
    if (scheme == EpcScheme.GID_96) {
      Gs1.requireDigits("generalManager", companyPrefix, 1, 9);
      long gm = Long.parseLong(companyPrefix);
      if (gm >= 1L << 28) {
        throw new IllegalArgumentException("generalManager must fit in 28 bits, got " + gm);
      }
      return gm;
    }
    Gs1.requireDigits("companyPrefix", companyPrefix, 6, 12);
    return ((long) companyPrefix.length() << DIGITS_SHIFT) | Long.parseLong(companyPrefix);
  }
}
