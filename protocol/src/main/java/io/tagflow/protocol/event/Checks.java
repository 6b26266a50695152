package io.tagflow.protocol.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validation helpers for the records' compact constructors. Each throws
 * {@link IllegalArgumentException} whose message starts with the field name, which
 * {@link EventCodec} turns into a field path.
 */
final class Checks {
  /**
   * Site, gateway, reader, door and bin ids. They become MQTT topic levels, so they must not contain
   * '/', '+' or '#' (MQTT 5 §4.7), and they are kept short and printable.
   */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  /** EPC memory bank contents as hex: whole 16-bit words, up to 496 bits (TDS §15, Gen2 EPC bank). */
  private static final Pattern EPC_HEX = Pattern.compile("(?:[0-9A-Fa-f]{4}){1,31}");
  private static final Pattern SSCC = Pattern.compile("[0-9]{18}");
  static final int MAX_TEXT = 500;

  private Checks() {
  }

  static <T> T present(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": missing");
    }
    return value;
  }

  static String id(String field, String value) {
    present(field, value);
    if (!ID.matcher(value).matches()) {
      throw new IllegalArgumentException(field + ": expected 1-64 characters [A-Za-z0-9._-] starting with a letter or digit, got "
          + quote(value));
    }
    return value;
  }

  static String nullableId(String field, String value) {
    return value == null ? null : id(field, value);
  }

  static int schemaVersion(int version) {
    if (version != EventSchema.VERSION) {
      throw new IllegalArgumentException("schemaVersion: expected " + EventSchema.VERSION + ", got " + version);
    }
    return version;
  }

  static UUID uuidV7(String field, UUID id) {
    present(field, id);
    if (id.version() != 7 || id.variant() != 2) {
      throw new IllegalArgumentException(field + ": expected a UUIDv7 (RFC 9562), got version " + id.version());
    }
    return id;
  }

  static double unitInterval(String field, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(field + ": expected a number in 0..1, got " + value);
    }
    return value;
  }

  static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + ": expected a finite number, got " + value);
    }
    return value;
  }

  static int atLeast(String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(field + ": expected at least " + min + ", got " + value);
    }
    return value;
  }

  static void notBefore(String laterField, Instant later, String earlierField, Instant earlier) {
    if (later.isBefore(earlier)) {
      throw new IllegalArgumentException(laterField + ": must not be before " + earlierField + " (" + later + " < " + earlier + ")");
    }
  }

  static String epcHex(String field, String value) {
    present(field, value);
    if (!EPC_HEX.matcher(value).matches()) {
      throw new IllegalArgumentException(field + ": expected 4 to 124 hex digits in whole 16-bit words, got " + quote(value));
    }
    return value.toUpperCase(java.util.Locale.ROOT);
  }

  static String epcUri(String field, String value) {
    if (value != null && (!value.startsWith("urn:epc:id:") || value.length() > 256)) {
      throw new IllegalArgumentException(field + ": expected a pure-identity EPC URI (urn:epc:id:...), got " + quote(value));
    }
    return value;
  }

  static String sscc(String field, String value) {
    if (value != null && !SSCC.matcher(value).matches()) {
      throw new IllegalArgumentException(field + ": expected 18 digits (GS1 SSCC), got " + quote(value));
    }
    return value;
  }

  static String text(String field, String value) {
    if (value != null && value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(field + ": expected at most " + MAX_TEXT + " characters, got " + value.length());
    }
    return value;
  }

  static <T> List<T> nonEmpty(String field, List<T> list, int max) {
    present(field, list);
    if (list.isEmpty() || list.size() > max) {
      throw new IllegalArgumentException(field + ": expected 1.." + max + " entries, got " + list.size());
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new IllegalArgumentException(field + "[" + i + "]: missing");
      }
    }
    return List.copyOf(list);
  }

  /** One observation per EPC: storage keys movement tags by (movement, epc). */
  static void distinctEpcs(List<TagObservation> tags) {
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < tags.size(); i++) {
      Integer previous = seen.putIfAbsent(tags.get(i).epc(), i);
      if (previous != null) {
        throw new IllegalArgumentException("tags[" + i + "].epc: duplicate of tags[" + previous + "].epc");
      }
    }
  }

  /** Quotes a value for an error message, cut short so that a huge input never makes a huge message. */
  static String quote(String value) {
    String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return '"' + cut.replace("\"", "\\\"") + '"';
  }
}
