package io.tagflow.protocol.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A pallet or a group of tags that crossed a dock door, as concluded by the gateway. Published on
 * {@code tagflow/v1/{site}/{gateway}/movements} (docs/events.md; schema {@code movement.schema.json}).
 *
 * <p>{@code movementId} is the idempotency key: a gateway mints it once, when it concludes the
 * movement, and re-publishes the same event with the same id after a reconnect. It must be a UUIDv7
 * (RFC 9562 §5.7) so that its embedded timestamp orders and partitions movements in storage.
 *
 * @param schemaVersion {@link EventSchema#VERSION}
 * @param movementId UUIDv7, the idempotency key
 * @param site site id
 * @param gateway gateway id
 * @param door door id
 * @param direction IN or OUT
 * @param confidence the gateway's confidence in the direction, 0..1
 * @param startedAt first read of the movement
 * @param endedAt last read of the movement, not before {@code startedAt}
 * @param palletSscc the pallet's SSCC (18 digits) when a pallet label tag was seen, else null
 * @param tags the tags seen, 1 to {@link EventSchema#MAX_TAGS_PER_MOVEMENT}, each EPC once
 * @param evidence why the direction was chosen
 */
public record MovementEvent(int schemaVersion, UUID movementId, String site, String gateway, String door,
                            Direction direction, double confidence, Instant startedAt, Instant endedAt,
                            @Nullable String palletSscc, List<TagObservation> tags, MovementEvidence evidence) implements Event {
  public MovementEvent {
    Checks.schemaVersion(schemaVersion);
    Checks.uuidV7("movementId", movementId);
    Checks.id("site", site);
    Checks.id("gateway", gateway);
    Checks.id("door", door);
    Checks.present("direction", direction);
    Checks.unitInterval("confidence", confidence);
    Checks.present("startedAt", startedAt);
    Checks.present("endedAt", endedAt);
    Checks.notBefore("endedAt", endedAt, "startedAt", startedAt);
    Checks.sscc("palletSscc", palletSscc);
    tags = Checks.nonEmpty("tags", tags, EventSchema.MAX_TAGS_PER_MOVEMENT);
    Checks.distinctEpcs(tags);
    Checks.present("evidence", evidence);
  }

  /** A builder for producers; {@link Builder#build()} validates as the constructor does. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects a movement's fields; the schema version is always {@link EventSchema#VERSION}. */
  public static final class Builder {
    private UUID movementId;
    private String site;
    private String gateway;
    private String door;
    private Direction direction;
    private double confidence = Double.NaN;
    private Instant startedAt;
    private Instant endedAt;
    private String palletSscc;
    private final List<TagObservation> tags = new ArrayList<>();
    private MovementEvidence evidence;

    private Builder() {
    }

    public Builder movementId(UUID movementId) {
      this.movementId = movementId;
      return this;
    }

    public Builder site(String site) {
      this.site = site;
      return this;
    }

    public Builder gateway(String gateway) {
      this.gateway = gateway;
      return this;
    }

    public Builder door(String door) {
      this.door = door;
      return this;
    }

    public Builder direction(Direction direction) {
      this.direction = direction;
      return this;
    }

    public Builder confidence(double confidence) {
      this.confidence = confidence;
      return this;
    }

    public Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    public Builder endedAt(Instant endedAt) {
      this.endedAt = endedAt;
      return this;
    }

    public Builder palletSscc(@Nullable String palletSscc) {
      this.palletSscc = palletSscc;
      return this;
    }

    public Builder tag(TagObservation tag) {
      this.tags.add(tag);
      return this;
    }

    public Builder tags(List<TagObservation> tags) {
      this.tags.addAll(tags);
      return this;
    }

    public Builder evidence(MovementEvidence evidence) {
      this.evidence = evidence;
      return this;
    }

    /** @throws IllegalArgumentException naming the first field that is missing or invalid */
    public MovementEvent build() {
      return new MovementEvent(EventSchema.VERSION, movementId, site, gateway, door, direction, confidence,
          startedAt, endedAt, palletSscc, tags, evidence);
    }
  }
}
