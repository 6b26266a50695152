package io.tagflow.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link IsoInstants} accepts exactly what {@code OffsetDateTime.parse} accepts, with the same value, and
 * formats exactly as {@code Instant.toString}.
 */
class IsoInstantsTest {
  /** Characters a mutation puts in: digits, the separators, letters of the form, a few others. */
  private static final String MUTATIONS = "0123456789-:.TZtz+ /x\u0661";

  @Property(tries = 2000)
  void parse_producerFormWithAnyFraction_equalsOffsetDateTime(@ForAll("utcTexts") String text) {
    assertThat(IsoInstants.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @Property(tries = 5000)
  void parse_mutatedText_agreesWithOffsetDateTime(@ForAll("mutatedTexts") String text) {
    Instant expected;
    try {
      expected = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      assertThatThrownBy(() -> IsoInstants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
      return;
    }
    assertThat(IsoInstants.parse(text)).as(text).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
      "2026-11-21T24:00:00Z", "2026-11-21T23:60:00Z", "2026-11-21T23:59:60Z",
      "2026-11-21T08:30:00.1234567890Z", "2026-11-21 08:30:00Z", "2026-11-21T08:30:00", "+2026-11-21T08:30:00Z",
      "2026-11-21T08:30:0aZ", "yesterday", ""})
  void parse_textOffsetDateTimeRefuses_throws(String text) {
    assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-02-29T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
      "2026-11-21T09:30:00+01:00", "2026-11-21t08:30:00z", "2026-11-21T08:30Z", "2026-11-21T08:30:00.5Z",
      "2026-11-21T08:30:00.Z"})
  void parse_textOffsetDateTimeAccepts_sameInstant(String text) {
    assertThat(IsoInstants.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @Property(tries = 2000)
  void format_anyInstant_equalsInstantToString(@ForAll("instants") Instant instant) {
    assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.999Z",
      "1970-01-01T00:00:00.000001Z", "2024-02-29T12:00:00.100Z", "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"})
  void format_edgeInstants_equalsInstantToString(String text) {
    Instant instant = Instant.parse(text);

    assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
  }

  @Test
  void parse_slice_readsOnlyTheSlice() {
    char[] buffer = "xx\"2026-11-21T08:30:00.125Z\"yy".toCharArray();

    assertThat(IsoInstants.parse(buffer, 3, 24)).isEqualTo(Instant.parse("2026-11-21T08:30:00.125Z"));
  }

  @Provide
  Arbitrary<String> utcTexts() {
    Arbitrary<Instant> instants = Arbitraries.longs().between(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())
        .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
    Arbitrary<Integer> fractionDigits = Arbitraries.integers().between(0, 9);
    return Combinators.combine(instants, fractionDigits).as(IsoInstantsTest::format);
  }

  @Provide
  Arbitrary<Instant> instants() {
    Arbitrary<Long> seconds = Arbitraries.oneOf(
        Arbitraries.longs().between(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond() - 86_400,
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 86_400),
        Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L));
    Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.integers().between(0, 999_999_999),
        Arbitraries.integers().between(0, 999).map(n -> n * 1_000_000),
        Arbitraries.integers().between(0, 999_999).map(n -> n * 1_000), Arbitraries.just(0));
    return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<String> mutatedTexts() {
    Arbitrary<Integer> position = Arbitraries.integers().between(0, 40);
    Arbitrary<Character> replacement = Arbitraries.of(MUTATIONS.chars().mapToObj(c -> (char) c).toList());
    Arbitrary<Integer> operation = Arbitraries.integers().between(0, 2);
    return Combinators.combine(utcTexts(), position, replacement, operation).as((text, at, c, op) -> {
      int i = Math.min(at, text.length());
      return switch (op) {
        case 0 -> i < text.length() ? text.substring(0, i) + c + text.substring(i + 1) : text + c;
        case 1 -> text.substring(0, i) + c + text.substring(i);
        default -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text;
      };
    });
  }

  /** The instant in UTC with exactly {@code digits} fraction digits (truncated), then 'Z'. */
  private static String format(Instant instant, int digits) {
    String base = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(instant);
    String nanos = String.format("%09d", instant.getNano());
    return base + (digits == 0 ? "" : "." + nanos.substring(0, digits)) + "Z";
  }
}
