package io.tagflow.protocol.llrp;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which optional fields an encoded RO_ACCESS_REPORT carries per tag, the counterpart of the LLRP
 * TagReportContentSelector a client sends in its ROReportSpec (LLRP 1.1, ROReportSpec and
 * TagReportContentSelector), and how the EPC is written.
 *
 * <p>A field is written for a tag when it is selected here <em>and</em> present on that tag in
 * the batch; selecting a field does not invent a value. The EPC is always written: as the compact
 * TV parameter EPC-96 when it is exactly 96 bits long and {@link #epc96()} is true (what readers
 * send by default), otherwise as the TLV EPCData with its bit length.
 */
public final class ReportContent {
  private static final ReportContent NONE = new ReportContent(0, true);
  private static final ReportContent ALL = new ReportContent((1 << TagField.COUNT) - 1, true);

  private final int mask;
  private final boolean epc96;

  private ReportContent(int mask, boolean epc96) {
    this.mask = mask;
    this.epc96 = epc96;
  }

  /** Only the EPC. */
  public static ReportContent none() {
    return NONE;
  }

  /** Every field the batch holds. */
  public static ReportContent all() {
    return ALL;
  }

  /** The EPC and the given fields. */
  public static ReportContent of(TagField... fields) {
    int mask = 0;
    for (TagField field : fields) {
      mask |= field.bit();
    }
    return new ReportContent(mask, true);
  }

  /** The EPC and the given fields. */
  public static ReportContent of(Collection<TagField> fields) {
    return of(fields.toArray(new TagField[0]));
  }

  /** This selection plus {@code field}. */
  public ReportContent with(TagField field) {
    return new ReportContent(mask | field.bit(), epc96);
  }

  /** This selection without {@code field}. */
  public ReportContent without(TagField field) {
    return new ReportContent(mask & ~field.bit(), epc96);
  }

  /**
   * This selection with 96-bit EPCs written as EPC-96 ({@code true}, the default) or always as
   * EPCData ({@code false}).
   */
  public ReportContent withEpc96(boolean useEpc96) {
    return new ReportContent(mask, useEpc96);
  }

  public boolean includes(TagField field) {
    return (mask & field.bit()) != 0;
  }

  /** True when 96-bit EPCs are written as the TV parameter EPC-96. */
  public boolean epc96() {
    return epc96;
  }

  /** The selected fields as a bit mask, bit {@link TagField#ordinal()} per field. */
  public int mask() {
    return mask;
  }

  /** The selected fields. */
  public Set<TagField> fields() {
    EnumSet<TagField> set = EnumSet.noneOf(TagField.class);
    for (TagField field : TagField.values()) {
      if (includes(field)) {
        set.add(field);
      }
    }
    return set;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReportContent other && other.mask == mask && other.epc96 == epc96;
  }

  @Override
  public int hashCode() {
    return mask * 31 + (epc96 ? 1 : 0);
  }

  @Override
  public String toString() {
    return "ReportContent" + fields() + (epc96 ? "" : " (EPCData only)");
  }
}
