package io.tagflow.controlplane;

import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.MovementEvidence;
import io.tagflow.protocol.event.TagObservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Builds valid contract events for control-plane tests, with ids minted from a clock the test moves. */
public final class EventFixtures {
  public static final String SITE = "dc-lyon";
  public static final String GATEWAY = "gw-01";

  private Instant now;

  public EventFixtures(Instant start) {
    this.now = start;
  }

  /** The current fixture time. */
  public Instant now() {
    return now;
  }

  /** Moves the fixture time on. */
  public EventFixtures advance(Duration by) {
    now = now.plus(by);
    return this;
  }

  /** A movement through {@code door} ending now, with one tag per EPC; its id is a UUIDv7 of now. */
  public MovementEvent movement(String door, Direction direction, String... epcs) {
    MovementEvent.Builder b = MovementEvent.builder()
        .movementId(new EventIds(Clock.fixed(now, ZoneOffset.UTC)).next())
        .site(SITE).gateway(GATEWAY).door(door).direction(direction).confidence(0.9)
        .startedAt(now.minusSeconds(5)).endedAt(now)
        .evidence(new MovementEvidence(10, 20, 6.5, null));
    for (String epc : epcs) {
      b.tag(new TagObservation(epc, null, now.minusSeconds(5), now, 12, -52.5));
    }
    return b.build();
  }

  /** A location event placing {@code epc} in {@code bin} now. */
  public LocationEvent location(String epc, String bin) {
    return LocationEvent.of(new EventIds(Clock.fixed(now, ZoneOffset.UTC)).next(), SITE, GATEWAY, epc, bin, null, now, 0.8);
  }

  /** A distinct 96-bit EPC as hex for number {@code n}. */
  public static String epc(int n) {
    return String.format("30340000000000000000%04X", n);
  }
}
