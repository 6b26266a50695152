package io.tagflow.controlplane.store;

import io.tagflow.protocol.event.Direction;
import java.time.Instant;

/** Movements through one door in one direction during the 5-minute bucket starting at {@code bucket}. */
public record DoorTraffic(String doorId, Direction direction, Instant bucket, long movements) {
}
