-- Door placements are applied to tag_locations after the ingest transaction, by the store's own thread
-- (TagLocationApplier), so that the ingest commit writes the movement rows only. Each ingest
-- transaction adds one row here naming the movements it stored; the applier deletes the row in the
-- transaction that applies their placements. A row left by a crash is applied from movement_tags
-- when the store opens, before the live state is rebuilt from tag_locations (docs/storage.md).
CREATE TABLE tag_location_backlog (
  backlog_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  movement_ids uuid[] NOT NULL,
  moved_ats    timestamptz[] NOT NULL,
  CHECK (cardinality(movement_ids) = cardinality(moved_ats))
);
