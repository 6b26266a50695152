package io.tagflow.gateway.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes written as in the configuration file: {@code 1048576}, {@code 512KiB}, {@code 256MiB},
 * {@code 2GiB} (also KB/MB/GB, which mean the same powers of two here).
 */
public record ByteSize(long bytes) {
  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(|B|KiB|KB|K|MiB|MB|M|GiB|GB|G)");

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size must not be negative");
    }
  }

  /** Parses {@code 256MiB} and friends; throws IllegalArgumentException saying what is expected. */
  @JsonCreator
  public static ByteSize parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a size like 512MiB, 2GiB or a number of bytes, was \"" + text + "\"");
    }
    long n = Long.parseLong(m.group(1));
    int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
      case "KIB", "KB", "K" -> 10;
      case "MIB", "MB", "M" -> 20;
      case "GIB", "GB", "G" -> 30;
      default -> 0;
    };
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("size too large: " + text);
    }
    return new ByteSize(n << shift);
  }

  @JsonCreator
  public static ByteSize ofBytes(long bytes) {
    return new ByteSize(bytes);
  }

  public static ByteSize mebibytes(long n) {
    return new ByteSize(n << 20);
  }

  @Override
  public String toString() {
    if (bytes % (1L << 30) == 0 && bytes > 0) {
      return (bytes >> 30) + "GiB";
    }
    if (bytes % (1L << 20) == 0 && bytes > 0) {
      return (bytes >> 20) + "MiB";
    }
    return bytes + "B";
  }
}
