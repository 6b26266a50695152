package io.tagflow.protocol.epc;

/**
 * The partition tables of TDS §14.2 (one per GS1 scheme: "SGTIN Partition Table", "SSCC Partition
 * Table", "SGLN Partition Table", "GRAI Partition Table", "GIAI Partition Table"). The 3-bit partition
 * value P selects how many bits and decimal digits go to the GS1 Company Prefix and how many to the
 * field that follows it; the digit counts always add up to the scheme's fixed total.
 *
 * <p>Cross-checked against the GS1 Tag Data Translation 2.0 definitions (SSCC-96 has 58 bits for
 * prefix plus serial reference, not 57: the serial reference of P=0 is 18 bits wide).
 */
enum PartitionTable {
  //        P=0            P=1            P=2             P=3             P=4             P=5             P=6
  SGTIN(new int[][] {{40, 12, 4, 1}, {37, 11, 7, 2}, {34, 10, 10, 3}, {30, 9, 14, 4}, {27, 8, 17, 5},
      {24, 7, 20, 6}, {20, 6, 24, 7}}),
  SSCC(new int[][] {{40, 12, 18, 5}, {37, 11, 21, 6}, {34, 10, 24, 7}, {30, 9, 28, 8}, {27, 8, 31, 9},
      {24, 7, 34, 10}, {20, 6, 38, 11}}),
  SGLN(new int[][] {{40, 12, 1, 0}, {37, 11, 4, 1}, {34, 10, 7, 2}, {30, 9, 11, 3}, {27, 8, 14, 4},
      {24, 7, 17, 5}, {20, 6, 21, 6}}),
  GRAI(new int[][] {{40, 12, 4, 0}, {37, 11, 7, 1}, {34, 10, 10, 2}, {30, 9, 14, 3}, {27, 8, 17, 4},
      {24, 7, 20, 5}, {20, 6, 24, 6}}),
  GIAI(new int[][] {{40, 12, 42, 13}, {37, 11, 45, 14}, {34, 10, 48, 15}, {30, 9, 52, 16},
      {27, 8, 55, 17}, {24, 7, 58, 18}, {20, 6, 62, 19}});

  /** Bits from the top of the EPC to the first bit after the partition field: header, filter, P. */
  static final int PREFIX_OFFSET = 14;

  private final int[][] rows;

  PartitionTable(int[][] rows) {
    this.rows = rows;
  }

  static PartitionTable of(EpcScheme scheme) {
    return switch (scheme) {
      case SGTIN_96 -> SGTIN;
      case SSCC_96 -> SSCC;
      case SGLN_96 -> SGLN;
      case GRAI_96 -> GRAI;
      case GIAI_96 -> GIAI;
      case GID_96 -> null;
    };
  }

  int companyPrefixBits(int partition) {
    return rows[partition][0];
  }

  int companyPrefixDigits(int partition) {
    return rows[partition][1];
  }

  int referenceBits(int partition) {
    return rows[partition][2];
  }

  int referenceDigits(int partition) {
    return rows[partition][3];
  }

  /** The partition value for a company prefix of {@code digits} digits, or -1 if none (6..12). */
  int partitionForDigits(int digits) {
    for (int p = 0; p < rows.length; p++) {
      if (rows[p][1] == digits) {
        return p;
      }
    }
    return -1;
  }
}
