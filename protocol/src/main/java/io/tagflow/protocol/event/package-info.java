/**
 * The event contract between edge gateways and the control plane: MQTT topics, versioned JSON
 * records and their codec. The contract is described for humans in {@code docs/events.md} and for
 * machines by one JSON Schema (draft 2020-12) per topic, shipped as resources next to these classes.
 *
 * <p>Null handling, once for the package: every record component and every parameter is non-null
 * unless it is annotated {@link io.tagflow.protocol.event.Nullable}. Non-null components are also
 * required on the wire; nullable ones may be absent or {@code null}.
 *
 * <p>Validation happens in the records' compact constructors, so an invalid event can neither be
 * built by a producer nor decoded by a consumer. Constructors throw {@link IllegalArgumentException}
 * whose message starts with the component name ({@code "confidence: expected 0..1, got 1.5"});
 * {@link io.tagflow.protocol.event.EventCodec} turns it into an {@link EventFormatException} naming the
 * full field path.
 */
package io.tagflow.protocol.event;
