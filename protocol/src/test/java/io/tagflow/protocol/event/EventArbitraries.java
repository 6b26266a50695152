package io.tagflow.protocol.event;

import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/** jqwik generators of valid events, shared by the property tests. */
final class EventArbitraries {
  private EventArbitraries() {
  }

  static Arbitrary<String> ids() {
    Arbitrary<Character> first = Arbitraries.chars().alpha().numeric();
    Arbitrary<String> rest = Arbitraries.strings().alpha().numeric().withChars('.', '_', '-').ofMaxLength(63);
    return Combinators.combine(first, rest).as((f, r) -> f + r);
  }

  static Arbitrary<UUID> uuidV7s() {
    return Combinators.combine(Arbitraries.longs().between(0, (1L << 48) - 1), Arbitraries.longs(), Arbitraries.longs())
        .as((millis, a, b) -> new UUID((millis << 16) | 0x7000L | (a & 0x0FFFL), (b & 0x3FFFFFFFFFFFFFFFL) | Long.MIN_VALUE));
  }

  static Arbitrary<Instant> instants() {
    // 2000..2100 at nanosecond precision: the codec must keep every digit.
    return Combinators.combine(Arbitraries.longs().between(946_684_800L, 4_102_444_800L),
        Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
  }

  static Arbitrary<String> epcs() {
    return Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(4).list().ofMinSize(1).ofMaxSize(31)
        .map(words -> String.join("", words));
  }

  static Arbitrary<Double> finite() {
    return Arbitraries.doubles().between(-1e6, 1e6);
  }

  static Arbitrary<String> texts() {
    return Arbitraries.strings().all().ofMaxLength(100).injectNull(0.3);
  }

  static Arbitrary<TagObservation> tags() {
    return Combinators.combine(epcs(), Arbitraries.strings().alpha().numeric().withChars(':', '.').ofMaxLength(40)
            .map(s -> "urn:epc:id:" + s).injectNull(0.3), instants(), Arbitraries.longs().between(0, 3_600_000_000_000L),
        Arbitraries.integers().between(1, Integer.MAX_VALUE), finite())
        .as((epc, uri, first, nanos, reads, rssi) -> new TagObservation(epc, uri, first, first.plusNanos(nanos), reads, rssi));
  }

  static Arbitrary<MovementEvidence> evidence() {
    return Combinators.combine(Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().greaterOrEqual(0),
        finite(), texts()).as(MovementEvidence::new);
  }

  static Arbitrary<MovementEvent> movements() {
    return Builders.withBuilder(MovementEvent::builder)
        .use(uuidV7s()).in(MovementEvent.Builder::movementId)
        .use(ids()).in(MovementEvent.Builder::site)
        .use(ids()).in(MovementEvent.Builder::gateway)
        .use(ids()).in(MovementEvent.Builder::door)
        .use(Arbitraries.of(Direction.class)).in(MovementEvent.Builder::direction)
        .use(Arbitraries.doubles().between(0, 1)).in(MovementEvent.Builder::confidence)
        .use(Combinators.combine(instants(), Arbitraries.longs().between(0, 3_600_000_000_000L))
            .as((start, nanos) -> new Instant[] {start, start.plusNanos(nanos)}))
        .in((b, span) -> b.startedAt(span[0]).endedAt(span[1]))
        .use(Arbitraries.strings().numeric().ofLength(18).injectNull(0.3)).in(MovementEvent.Builder::palletSscc)
        .use(tags().list().ofMinSize(1).ofMaxSize(8).uniqueElements(TagObservation::epc)).in(MovementEvent.Builder::tags)
        .use(evidence()).in(MovementEvent.Builder::evidence)
        .build(MovementEvent.Builder::build);
  }

  static Arbitrary<LocationEvent> locations() {
    return Combinators.combine(uuidV7s(), ids(), ids(), epcs(), ids(), ids().injectNull(0.3), instants(),
        Arbitraries.doubles().between(0, 1)).as(LocationEvent::of);
  }

  static Arbitrary<ReaderStatusEvent> readerStatuses() {
    return Combinators.combine(ids(), ids(), ids(), Arbitraries.of(ReaderState.class), instants(), texts())
        .as(ReaderStatusEvent::of);
  }

  static Arbitrary<GatewayHealthEvent> healths() {
    return Combinators.combine(ids(), ids(), Arbitraries.of(GatewayStatus.class), instants(), texts())
        .as(GatewayHealthEvent::of);
  }

  static Arbitrary<Event> events() {
    return Arbitraries.oneOf(movements(), locations(), readerStatuses(), healths());
  }
}
