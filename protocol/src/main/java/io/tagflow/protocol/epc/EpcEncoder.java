package io.tagflow.protocol.epc;

/**
 * Encodes identities into 96-bit binary EPCs (TDS §14.3 "Encoding Procedure", coding tables of
 * §14.5). The simulators use it to write real SGTIN-96 and SSCC-96 tags; every scheme of
 * {@link EpcIdentity} is supported so decode and encode round-trip.
 */
public final class EpcEncoder {
  private EpcEncoder() {
  }

  /** The SGTIN-96 encoding (TDS §14.5.1). */
  public static Epc96 sgtin96(int filter, String companyPrefix, String itemReference, long serial) {
    return encode(new Sgtin(filter, companyPrefix, itemReference, serial));
  }

  /** The SSCC-96 encoding (TDS §14.5.2); the 24 reserved bits are zero. */
  public static Epc96 sscc96(int filter, String companyPrefix, String serialReference) {
    return encode(new Sscc(filter, companyPrefix, serialReference));
  }

  /** The 96-bit encoding of any decoded identity; {@link RawEpc} returns its bits unchanged. */
  public static Epc96 encode(EpcIdentity identity) {
    BitWriter w = new BitWriter();
    if (identity instanceof Sgtin s) {
      gs1(w, s.scheme(), s.filter(), s.companyPrefix(), s.itemReference()).put(s.serial(), 38);
    } else if (identity instanceof Sscc s) {
      gs1(w, s.scheme(), s.filter(), s.companyPrefix(), s.serialReference()).put(0, 24);
    } else if (identity instanceof Sgln s) {
      gs1(w, s.scheme(), s.filter(), s.companyPrefix(), s.locationReference())
          .put(checkBits("extension", s.extension(), 41), 41);
    } else if (identity instanceof Grai s) {
      gs1(w, s.scheme(), s.filter(), s.companyPrefix(), s.assetType())
          .put(checkBits("serial", s.serial(), 38), 38);
    } else if (identity instanceof Giai s) {
      PartitionTable t = PartitionTable.GIAI;
      int p = t.partitionForDigits(s.companyPrefix().length());
      w.put(s.scheme().code(), 8).put(s.filter(), 3).put(p, 3)
          .put(Long.parseLong(s.companyPrefix()), t.companyPrefixBits(p))
          .put(checkBits("assetReference", s.assetReference(), t.referenceBits(p)),
              t.referenceBits(p));
    } else if (identity instanceof Gid g) {
      w.put(EpcScheme.GID_96.code(), 8)
          .put(checkBits("generalManager", g.generalManager(), 28), 28)
          .put(checkBits("objectClass", g.objectClass(), 24), 24)
          .put(checkBits("serial", g.serial(), 36), 36);
    } else {
      return ((RawEpc) identity).epc();
    }
    return w.toEpc();
  }

  private static BitWriter gs1(BitWriter w, EpcScheme scheme, int filter, String prefix,
                               String reference) {
    PartitionTable table = PartitionTable.of(scheme);
    int p = table.partitionForDigits(prefix.length());
    long ref = reference.isEmpty() ? 0 : Long.parseLong(reference);
    return w.put(scheme.code(), 8).put(filter, 3).put(p, 3)
        .put(Long.parseLong(prefix), table.companyPrefixBits(p))
        .put(ref, table.referenceBits(p));
  }

  private static long checkBits(String name, long value, int bits) {
    if (value < 0 || value >= 1L << bits) {
      throw new IllegalArgumentException(name + " must fit in " + bits + " bits, got " + value);
    }
    return value;
  }

  /** Appends fields most significant first into 96 bits held as 64 + 32. */
  private static final class BitWriter {
    private long high;
    private long low;

    BitWriter put(long value, int bits) {
      if (bits > 32) {
        return put(value >>> 32, bits - 32).put(value & 0xFFFF_FFFFL, 32);
      }
      if (bits > 0) {
        high = (high << bits) | (low >>> (32 - bits));
        low = ((low << bits) | value) & 0xFFFF_FFFFL;
      }
      return this;
    }

    Epc96 toEpc() {
      return new Epc96(high, (int) low);
    }
  }
}
