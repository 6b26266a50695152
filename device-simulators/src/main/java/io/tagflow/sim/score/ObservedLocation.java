package io.tagflow.sim.score;

import io.tagflow.protocol.event.LocationEvent;
import java.time.Instant;

/**
 * What the scorer needs of a gateway's location event.
 *
 * @param id the event's id
 * @param epc the tag, hex
 * @param bin where the gateway placed it
 * @param at when
 */
public record ObservedLocation(String id, String epc, String bin, Instant at) {
  public ObservedLocation {
    epc = epc.toUpperCase(java.util.Locale.ROOT);
  }

  public static ObservedLocation of(LocationEvent e) {
    return new ObservedLocation(e.eventId().toString(), e.epc(), e.bin(), e.at());
  }
}
