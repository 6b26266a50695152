package io.tagflow.protocol.event;

import java.time.Instant;

/**
 * A reader's connection state changed. Published retained on
 * {@code tagflow/v1/{site}/{gateway}/readers/{reader}/status} so that a new subscriber learns every
 * reader's last state at once (schema {@code reader-status.schema.json}).
 *
 * @param schemaVersion {@link EventSchema#VERSION}
 * @param site site id
 * @param gateway gateway id
 * @param reader reader id
 * @param state the new state
 * @param at when the gateway saw the change
 * @param detail a short human-readable cause ("connection refused", "ERROR_MESSAGE status 101"), or null
 */
public record ReaderStatusEvent(int schemaVersion, String site, String gateway, String reader, ReaderState state,
                                Instant at, @Nullable String detail) implements Event {
  public ReaderStatusEvent {
    Checks.schemaVersion(schemaVersion);
    Checks.id("site", site);
    Checks.id("gateway", gateway);
    Checks.id("reader", reader);
    Checks.present("state", state);
    Checks.present("at", at);
    Checks.text("detail", detail);
  }

  /** A reader status event of the current schema version. */
  public static ReaderStatusEvent of(String site, String gateway, String reader, ReaderState state, Instant at,
                                     @Nullable String detail) {
    return new ReaderStatusEvent(EventSchema.VERSION, site, gateway, reader, state, at, detail);
  }
}
