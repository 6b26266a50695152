package io.tagflow.controlplane.repository;

/** Everything the control plane reads and writes, as one value the store hands over. */
public record Repositories(LotRepository lots, TagRepository tags, MovementRepository movements,
    ObservationRepository observations, AuthorisationRepository authorisations, AnomalyRepository anomalies) {
}
