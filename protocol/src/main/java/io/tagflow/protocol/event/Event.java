package io.tagflow.protocol.event;

/**
 * An event of the contract: one of the four record types, each published on its own topic kind.
 * Every event names the site and gateway that produced it, which must match its topic.
 */
public sealed interface Event permits MovementEvent, LocationEvent, ReaderStatusEvent, GatewayHealthEvent {
  /** {@link EventSchema#VERSION} for events this code builds or accepts. */
  int schemaVersion();

  /** The site id, also a topic level. */
  String site();

  /** The gateway id, also a topic level. */
  String gateway();

  /** The topic kind that carries this event. */
  default TopicKind kind() {
    if (this instanceof MovementEvent) {
      return TopicKind.MOVEMENTS;
    } else if (this instanceof LocationEvent) {
      return TopicKind.LOCATIONS;
    } else if (this instanceof ReaderStatusEvent) {
      return TopicKind.READER_STATUS;
    }
    return TopicKind.HEALTH;
  }
}
