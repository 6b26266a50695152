package io.tagflow.controlplane.store;

/** One line of the tag registry: a tag (EPC as upper-case hex) belongs to a lot. */
public record TagRegistration(String epc, String lotId) {
  public TagRegistration {
    if (epc == null || !epc.matches("(?:[0-9A-F]{4}){1,31}")) {
      throw new IllegalArgumentException("epc: expected upper-case hex in whole 16-bit words, got " + epc);
    }
    if (lotId == null || lotId.isEmpty() || lotId.length() > 64 || !lotId.chars().allMatch(ch -> ch > ' ' && ch < 127)) {
      throw new IllegalArgumentException("lotId: expected 1-64 printable ASCII characters");
    }
  }
}
