package io.tagflow.protocol.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads and writes the contract's instants as ISO-8601 text without {@code DateTimeFormatter}'s general
 * machinery, for the paths that handle dozens of them per event (ingest decoding, COPY text, live-feed JSON).
 *
 * <p>{@link #format} writes exactly what {@link Instant#toString()} writes. {@link #parse} accepts
 * exactly the texts {@link OffsetDateTime#parse(CharSequence)} accepts,
 * to the same instant. The form producers write (docs/events.md), UTC with 0 to 9 fraction digits
 * ({@code 2026-11-21T08:30:00Z}, {@code 2026-11-21T08:30:00.125Z}), is read by a direct scan of its
 * fixed positions; any other text (an offset other than {@code Z}, lower-case letters, no seconds, a
 * field out of range) is handed to {@code OffsetDateTime.parse}, which accepts it or throws.
 *
 * <p>Why: a movement of 20 tags carries 42 instants, and {@code DateTimeFormatter}'s general parser was
 * the largest single cost of decoding one (docs/performance.md, "ingest"). The scan accepts only what the
 * formatter also accepts: month, day (with the month's length, through {@link LocalDate#of}), hour,
 * minute and second are checked, and whatever fails a check takes the formatter's path and error.
 * {@code IsoInstantsTest} compares both on generated and mutated texts.
 */
public final class IsoInstants {
  /** {@code uuuu-MM-ddTHH:mm:ssZ}. */
  private static final int SHORTEST = 20;
  /** {@code uuuu-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
  private static final int LONGEST = 30;
  /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years {@link #format} writes itself. */
  private static final long MIN_FAST_SECOND = -62_167_219_200L;
  private static final long MAX_FAST_SECOND = 253_402_300_799L;
  private static final int[] NANOS_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10,
      1};

  private IsoInstants() {
  }

  /**
   * The instant {@code text[offset, offset + length)} denotes.
   *
   * @throws DateTimeParseException when {@code OffsetDateTime.parse} refuses the text
   */
  public static Instant parse(char[] text, int offset, int length) {
    Instant fast = scan(text, offset, length);
    return fast != null ? fast : OffsetDateTime.parse(new String(text, offset, length)).toInstant();
  }

  /** Like {@link #parse(char[], int, int)}. */
  public static Instant parse(String text) {
    return parse(text.toCharArray(), 0, text.length());
  }

  /**
   * The same text as {@link Instant#toString()}: UTC, {@code Z}, and a fraction of 3, 6 or 9 digits
   * when the nanoseconds need it ({@code 2026-11-21T08:30:00Z}, {@code 2026-11-21T08:30:00.125Z}).
   */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < MIN_FAST_SECOND || seconds > MAX_FAST_SECOND) {
      return instant.toString(); // years outside 0000-9999: signs and wider years, the formatter's job
    }
    long day = Math.floorDiv(seconds, 86_400);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    LocalDate date = LocalDate.ofEpochDay(day);
    int nanos = instant.getNano();
    int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    char[] out = new char[SHORTEST + (fraction == 0 ? 0 : fraction + 1)];
    put(out, 0, date.getYear(), 4);
    out[4] = '-';
    put(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    put(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    put(out, 11, secondOfDay / 3_600, 2);
    out[13] = ':';
    put(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    put(out, 17, secondOfDay % 60, 2);
    if (fraction > 0) {
      out[19] = '.';
      put(out, 20, nanos / NANOS_SCALE[fraction], fraction);
    }
    out[out.length - 1] = 'Z';
    return new String(out);
  }

  /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded. */
  private static void put(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The instant of a text in the producers' form, or null to let the formatter decide. */
  private static Instant scan(char[] t, int o, int n) {
    if (n < SHORTEST || n > LONGEST || t[o + 4] != '-' || t[o + 7] != '-' || t[o + 10] != 'T' || t[o + 13] != ':'
        || t[o + 16] != ':' || t[o + n - 1] != 'Z') {
      return null;
    }
    int year = digits(t, o, 4);
    int month = digits(t, o + 5, 2);
    int day = digits(t, o + 8, 2);
    int hour = digits(t, o + 11, 2);
    int minute = digits(t, o + 14, 2);
    int second = digits(t, o + 17, 2);
    int nanos = 0;
    if (n > SHORTEST) {
      int fraction = n - SHORTEST - 1;
      if (t[o + 19] != '.' || fraction < 1) {
        return null;
      }
      int f = digits(t, o + 20, fraction);
      if (f < 0) {
        return null;
      }
      nanos = f * NANOS_SCALE[fraction];
    }
    if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
  }

  /** The decimal value of {@code count} ASCII digits (at most 9), or -1 when one is not a digit. */
  private static int digits(char[] t, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int d = t[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
