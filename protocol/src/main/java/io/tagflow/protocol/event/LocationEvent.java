package io.tagflow.protocol.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A tag placed in (or moved to) a storage bin, as seen by a gateway's in-aisle or forklift reader.
 * Published on {@code tagflow/v1/{site}/{gateway}/locations} (schema {@code location.schema.json}).
 *
 * @param schemaVersion {@link EventSchema#VERSION}
 * @param eventId UUIDv7, the idempotency key
 * @param site site id
 * @param gateway gateway id
 * @param epc the tag's EPC as hex (normalised to upper case)
 * @param bin the bin the tag is now in
 * @param from the bin the tag was in before when the gateway knows it, else null
 * @param at when the tag was placed
 * @param confidence the gateway's confidence in the placement, 0..1
 */
public record LocationEvent(int schemaVersion, UUID eventId, String site, String gateway, String epc, String bin,
                            @Nullable String from, Instant at, double confidence) implements Event {
  public LocationEvent {
    Checks.schemaVersion(schemaVersion);
    Checks.uuidV7("eventId", eventId);
    Checks.id("site", site);
    Checks.id("gateway", gateway);
    epc = Checks.epcHex("epc", epc);
    Checks.id("bin", bin);
    Checks.nullableId("from", from);
    Checks.present("at", at);
    Checks.unitInterval("confidence", confidence);
  }

  /** A location event of the current schema version. */
  public static LocationEvent of(UUID eventId, String site, String gateway, String epc, String bin,
                                 @Nullable String from, Instant at, double confidence) {
    return new LocationEvent(EventSchema.VERSION, eventId, site, gateway, epc, bin, from, at, confidence);
  }
}
