package io.tagflow.controlplane.live;

import java.util.Optional;

/**
 * The store's latest observation of a tag at a site: the last-writer-wins winner of every event
 * committed so far. Ingest commits an event before the live state hears of it, so this already
 * includes the event being applied. May block.
 */
@FunctionalInterface
public interface ObservationLookup {
  /** Nothing stored: the live state then applies what it is given. */
  ObservationLookup NONE = (site, epc) -> Optional.empty();

  Optional<Observation> latestObservation(String site, String epc);
}
