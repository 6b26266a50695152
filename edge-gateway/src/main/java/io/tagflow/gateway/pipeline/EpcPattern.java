package io.tagflow.gateway.pipeline;

import io.tagflow.protocol.epc.EpcDecoder;
import io.tagflow.protocol.epc.EpcScheme;
import java.util.Objects;

/**
 * Matches EPCs by scheme and, optionally, GS1 Company Prefix (with its leading zeros; for GID the
 * General Manager Number). Matching uses {@link EpcDecoder#companyPrefixKey(long, int)} and does
 * not allocate.
 *
 * @param scheme the scheme to match
 * @param companyPrefix the prefix to match, or null for any prefix of that scheme
 */
public record EpcPattern(EpcScheme scheme, String companyPrefix) {
  public EpcPattern {
    Objects.requireNonNull(scheme, "scheme");
    if (companyPrefix != null) {
      EpcDecoder.companyPrefixKey(scheme, companyPrefix); // validates
    }
  }

  /** Every EPC of {@code scheme}. */
  public static EpcPattern scheme(EpcScheme scheme) {
    return new EpcPattern(scheme, null);
  }

  /** EPCs of {@code scheme} under {@code companyPrefix}. */
  public static EpcPattern prefix(EpcScheme scheme, String companyPrefix) {
    return new EpcPattern(scheme, companyPrefix);
  }

  /** The key to compare with {@link EpcDecoder#companyPrefixKey(long, int)}, or -1 for any. */
  public long prefixKey() {
    return companyPrefix == null ? -1 : EpcDecoder.companyPrefixKey(scheme, companyPrefix);
  }
}
