package io.tagflow.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

/** Round trips of every event type, and every encoded event is valid against its shipped schema. */
class EventCodecPropertiesTest {
  private final EventCodec codec = new EventCodec();
  private final SchemaFixture schemas = new SchemaFixture();

  @Provide
  Arbitrary<Event> events() {
    return EventArbitraries.events();
  }

  @Property(tries = 500)
  void decodeOfEncode_anyEvent_isEqual(@ForAll("events") Event event) {
    byte[] json = codec.encode(event);

    assertThat(codec.decode(event.kind(), json)).isEqualTo(event);
  }

  @Property(tries = 200)
  void encode_anyEvent_validatesAgainstItsSchema(@ForAll("events") Event event) {
    byte[] json = codec.encode(event);

    assertThat(schemas.validate(event.kind(), json)).isEmpty();
  }
}
