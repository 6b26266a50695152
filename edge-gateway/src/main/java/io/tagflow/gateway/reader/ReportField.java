package io.tagflow.gateway.reader;

/**
 * Optional fields of a TagReportData that the gateway asks the reader to include, one per enable bit
 * of the TagReportContentSelector (LLRP 1.1 §13.2.1.1) and of C1G2EPCMemorySelector (§15.2.1.5.1).
 * The EPC is always reported.
 */
public enum ReportField {
  ROSPEC_ID,
  SPEC_INDEX,
  INVENTORY_PARAMETER_SPEC_ID,
  ANTENNA_ID,
  PEAK_RSSI,
  CHANNEL_INDEX,
  FIRST_SEEN_TIMESTAMP,
  LAST_SEEN_TIMESTAMP,
  TAG_SEEN_COUNT,
  ACCESS_SPEC_ID,
  CRC,
  PC_BITS
}
