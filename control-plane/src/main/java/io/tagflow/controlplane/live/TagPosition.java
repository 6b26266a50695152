package io.tagflow.controlplane.live;

import java.time.Instant;

/**
 * Where a tag is now.
 *
 * @param epc canonical EPC
 * @param lotId its registered lot, nullable (unregistered)
 * @param place bin, read point or door id
 * @param kind what the place is
 * @param at event time of the observation that put it there
 * @param eventId that observation's event id
 */
public record TagPosition(String epc, String lotId, String place, PlaceKind kind, Instant at, String eventId) {
}
