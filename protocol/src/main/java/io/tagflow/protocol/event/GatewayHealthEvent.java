package io.tagflow.protocol.event;

import java.time.Instant;

/**
 * A gateway is online or offline. Published retained on {@code tagflow/v1/{site}/{gateway}/health}
 * (schema {@code gateway-health.schema.json}). A gateway publishes ONLINE after it connects and
 * registers an OFFLINE event as its MQTT will (MQTT 5 §3.1.2.5), so the broker publishes it when the
 * connection is lost. The will is built at connect time, so in a will {@code at} is the time the
 * session began, not the time it ended: consumers should use their receipt time for OFFLINE.
 *
 * @param schemaVersion {@link EventSchema#VERSION}
 * @param site site id
 * @param gateway gateway id
 * @param status ONLINE or OFFLINE
 * @param at when the gateway built the event
 * @param version the gateway's software version, or null
 */
public record GatewayHealthEvent(int schemaVersion, String site, String gateway, GatewayStatus status, Instant at,
                                 @Nullable String version) implements Event {
  public GatewayHealthEvent {
    Checks.schemaVersion(schemaVersion);
    Checks.id("site", site);
    Checks.id("gateway", gateway);
    Checks.present("status", status);
    Checks.present("at", at);
    Checks.text("version", version);
  }

  /** A health event of the current schema version. */
  public static GatewayHealthEvent of(String site, String gateway, GatewayStatus status, Instant at,
                                      @Nullable String version) {
    return new GatewayHealthEvent(EventSchema.VERSION, site, gateway, status, at, version);
  }
}
