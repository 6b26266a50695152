package io.tagflow.controlplane.repository;

import io.tagflow.controlplane.live.Observation;
import java.util.List;

/** What the live state is rebuilt from when the control plane starts. */
public interface ObservationRepository {
  /**
   * Stored observations of a site, in any order: at least the latest one of every tag (from movements and
   * location events alike). Returning older ones as well is harmless (the live state keeps the latest per
   * tag), only slower.
   */
  List<Observation> latestObservations(String site);
}
