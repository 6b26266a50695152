package io.tagflow.controlplane.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One registered tag: its EPC and the lot it was commissioned for.
 *
 * @param epc the EPC as upper-case hex of the EPC bank (as in {@code MovementEvent.tags[].epc})
 * @param lotId the lot it belongs to
 */
public record TagRecord(String epc, String lotId) {
  /** Whole 16-bit words of hex, as the EPC bank is read (the event contract's rule); 96-bit EPCs have 24 digits. */
  private static final Pattern HEX = Pattern.compile("(?:[0-9A-Fa-f]{4}){1,31}");

  public TagRecord {
    epc = normaliseEpc(epc);
    Ids.require("lot", lotId);
  }

  /**
   * Returns the canonical (upper-case) form of a hex EPC.
   *
   * @throws IllegalArgumentException if it is not hex in whole 16-bit words (4 to 124 digits)
   */
  public static String normaliseEpc(String epc) {
    if (epc == null || !HEX.matcher(epc).matches()) {
      throw new IllegalArgumentException("epc must be hex in whole 16-bit words, 4 to 124 digits (got "
          + (epc == null ? "nothing" : "'" + Ids.abbreviate(epc) + "'") + ")");
    }
    return epc.toUpperCase(Locale.ROOT);
  }
}
