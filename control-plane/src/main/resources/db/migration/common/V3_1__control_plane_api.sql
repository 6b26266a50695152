-- Columns the HTTP API records (repository.postgres): who changed a lot and why, who created a
-- shipment authorisation and how many units have left against it. Defaults keep rows written before this migration (or by the store's own
-- LotRepository.save) valid.
ALTER TABLE lots
  ADD COLUMN description   text,
  ADD COLUMN status_reason text,
  ADD COLUMN updated_by    text NOT NULL DEFAULT 'system';

ALTER TABLE shipment_authorisations
  ADD COLUMN shipped    integer NOT NULL DEFAULT 0 CHECK (shipped >= 0 AND shipped <= quantity),
  ADD COLUMN created_by text NOT NULL DEFAULT 'system',
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX shipment_authorisations_by_site ON shipment_authorisations (site_id, created_at DESC);
