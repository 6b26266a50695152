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
  /** 8 to 64 hex digits, an even number (whole bytes). 96-bit EPCs have 24. */
  private static final Pattern HEX = Pattern.compile("(?:[0-9A-Fa-f]{2}){4,32}");

  public TagRecord {
    epc = normaliseEpc(epc);
    Ids.require("lot", lotId);
  }

  /**
   * Returns the canonical (upper-case) form of a hex EPC.
   *
   * @throws IllegalArgumentException if it is not 8 to 64 hex digits in whole bytes
   */
  public static String normaliseEpc(String epc) {
    if (epc == null || !HEX.matcher(epc).matches()) {
      throw new IllegalArgumentException("epc must be 8 to 64 hex digits, whole bytes (got "
          + (epc == null ? "nothing" : "'" + Ids.abbreviate(epc) + "'") + ")");
    }
    return epc.toUpperCase(Locale.ROOT);
  }
}
