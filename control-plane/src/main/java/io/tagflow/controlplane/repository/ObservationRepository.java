package io.tagflow.controlplane.repository;

import io.tagflow.controlplane.live.Observation;
import io.tagflow.controlplane.live.ObservationLookup;
import java.util.List;
import java.util.Optional;

/**
 * What the live state is rebuilt from when the control plane starts, and asked about late events of
 * forgotten tags ({@link ObservationLookup}).
 */
public interface ObservationRepository extends ObservationLookup {
  /**
   * Stored observations of a site, in any order: at least the latest one of every tag (from movements and
   * location events alike). Returning older ones as well is harmless (the live state keeps the latest per
   * tag), only slower.
   */
  List<Observation> latestObservations(String site);

  /** The latest stored observation of one tag at a site. By default the latest of {@link #latestObservations}. */
  @Override
  default Optional<Observation> latestObservation(String site, String epc) {
    return latestObservations(site).stream().filter(o -> o.epc().equals(epc)).max(Observation.ORDER);
  }
}
