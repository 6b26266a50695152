package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.EpcPattern;
import io.tagflow.protocol.epc.EpcDecoder;
import java.util.List;

/**
 * Stage 1, admission: drops the reads the site does not care about before any per-tag state is
 * touched, so stray tags (other companies' goods, employee badges) never cost memory.
 *
 * <p>A read passes when its antenna is mapped to a read point, its peak RSSI reaches the antenna's
 * minimum (or {@code minRssiDbm}), it matches an include pattern (when any is configured) and no
 * exclude pattern. Patterns match the EPC header and the company prefix key of
 * {@link EpcDecoder#companyPrefixKey(long, int)}, read straight from the bits: nothing is decoded to
 * strings and nothing is allocated. The prefix key is computed only when a pattern needs it.
 */
public final class AdmissionStage implements FilterStage {
  private final StageCounters counters = new StageCounters("admission");
  private final double minRssiDbm;
  private final int[] includeHeaders;
  private final long[] includeKeys;
  private final int[] excludeHeaders;
  private final long[] excludeKeys;
  long unmapped;
  long weak;
  long filtered;

  public AdmissionStage(double minRssiDbm, List<EpcPattern> include, List<EpcPattern> exclude) {
    this.minRssiDbm = minRssiDbm;
    this.includeHeaders = include.stream().mapToInt(p -> p.scheme().code()).toArray();
    this.includeKeys = include.stream().mapToLong(EpcPattern::prefixKey).toArray();
    this.excludeHeaders = exclude.stream().mapToInt(p -> p.scheme().code()).toArray();
    this.excludeKeys = exclude.stream().mapToLong(EpcPattern::prefixKey).toArray();
  }

  @Override
  public String name() {
    return counters.name();
  }

  @Override
  public boolean onRead(ReadContext read) {
    counters.in++;
    if (read.readPoint < 0) {
      unmapped++;
      return false;
    }
    double min = Double.isNaN(read.antennaMinRssi) ? minRssiDbm : read.antennaMinRssi;
    if (read.rssiDbm < min) {
      weak++;
      return false;
    }
    if ((includeHeaders.length > 0 && !matches(read, includeHeaders, includeKeys))
        || matches(read, excludeHeaders, excludeKeys)) {
      filtered++;
      return false;
    }
    counters.out++;
    return true;
  }

  private static boolean matches(ReadContext read, int[] headers, long[] keys) {
    int header = (int) (read.epcHigh >>> 56);
    long key = -2; // not computed yet
    for (int i = 0; i < headers.length; i++) {
      if (headers[i] != header) {
        continue;
      }
      if (keys[i] == -1) {
        return true;
      }
      if (key == -2) {
        key = EpcDecoder.companyPrefixKey(read.epcHigh, read.epcLow);
      }
      if (keys[i] == key) {
        return true;
      }
    }
    return false;
  }

  /** Reads from antennas with no read point. */
  public long unmapped() {
    return unmapped;
  }

  /** Reads below the minimum RSSI. */
  public long weak() {
    return weak;
  }

  /** Reads rejected by the include/exclude patterns. */
  public long filtered() {
    return filtered;
  }

  @Override
  public StageCounters counters() {
    return counters;
  }
}
