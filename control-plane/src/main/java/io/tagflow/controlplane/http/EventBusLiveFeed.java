package io.tagflow.controlplane.http;

import io.tagflow.controlplane.feed.LiveDelta;
import io.tagflow.controlplane.feed.LiveFeed;
import io.vertx.core.eventbus.EventBus;

/**
 * The live feed over the Vert.x event bus: each delta is published, as its JSON text, to the site's
 * address, where every WebSocket client of that site has a consumer ({@link LiveFeedRoute}).
 * Publishing never blocks; with no client it is dropped by the bus.
 */
public final class EventBusLiveFeed implements LiveFeed {
  private static final String ADDRESS_PREFIX = "tagflow.live.";

  private final EventBus bus;

  public EventBusLiveFeed(EventBus bus) {
    this.bus = bus;
  }

  /** The JSON a client receives: the kind, the site and the changed thing. */
  record Envelope(String kind, String site, Object data) {
  }

  static String address(String site) {
    return ADDRESS_PREFIX + site;
  }

  static Object dataOf(LiveDelta delta) {
    if (delta instanceof LiveDelta.Occupancy o) {
      return o.bin();
    } else if (delta instanceof LiveDelta.Movement m) {
      return m.movement();
    }
    return ((LiveDelta.AnomalyChanged) delta).anomaly();
  }

  @Override
  public void publish(LiveDelta delta) {
    bus.publish(address(delta.site()), Json.encode(new Envelope(delta.kind(), delta.site(), dataOf(delta))));
  }
}
