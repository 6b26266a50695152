-- Lot trace over compressed chunks (docs/performance.md "query", docs/storage.md). In TimescaleDB mode a
-- chunk of movement_tags is "stamped" just before it is compressed (timescale/V8_2): each row gets the lot
-- its tag had in the registry then (lot_id) and its movement's summary columns, and the chunk is compressed
-- segmented by lot_id. A trace then reads one segment per chunk and needs no probe into movements.
-- Ingest writes none of these columns: rows not stamped (every row in plain mode, every row of a chunk not
-- compressed yet) have lot_id and door_id NULL and are found by their EPC as before.
ALTER TABLE movement_tags
  ADD COLUMN lot_id       text,
  ADD COLUMN site_id      text,
  ADD COLUMN gateway_id   text,
  ADD COLUMN door_id      text,
  ADD COLUMN direction    text,
  ADD COLUMN confidence   double precision,
  ADD COLUMN started_at   timestamptz,
  ADD COLUMN ended_at     timestamptz,
  ADD COLUMN pallet_sscc  text,
  ADD COLUMN tag_count    integer;

-- The EPC index serves rows not stamped, which are all the rows ingest writes: the same entries as
-- before, at the same cost. A stamped row leaves it (its chunk is compressed right after anyway).
-- The predicate lets the trace ask for "lot_id IS NULL AND epc = ANY (...)" as an index-only scan.
DROP INDEX movement_tags_by_epc;
CREATE INDEX movement_tags_by_epc ON movement_tags (epc, moved_at DESC) INCLUDE (movement_id) WHERE lot_id IS NULL;
-- Stamped rows by lot. Empty except in a chunk between its stamping and its compression, and in plain
-- mode always empty: it costs ingest nothing and lets "lot_id = ?" skip uncompressed chunks at once.
CREATE INDEX movement_tags_by_lot ON movement_tags (lot_id) WHERE lot_id IS NOT NULL;

-- Lots a tag had before its current one. A stamped row keeps the lot of its stamping time; when the
-- registry moves the tag to another lot (or removes it), the former lot is recorded here, so that a trace
-- of the tag's current lot also reads the segments of its former lots. Registry writes that leave the
-- lot as it was record nothing.
CREATE TABLE tag_former_lots (
  epc     text NOT NULL,
  lot_id  text NOT NULL,
  PRIMARY KEY (epc, lot_id)
);

CREATE FUNCTION tagflow_record_former_lot() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tag_former_lots (epc, lot_id) VALUES (OLD.epc, OLD.lot_id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER tags_record_former_lot AFTER UPDATE OF lot_id ON tags
  FOR EACH ROW WHEN (OLD.lot_id IS DISTINCT FROM NEW.lot_id) EXECUTE FUNCTION tagflow_record_former_lot();
CREATE TRIGGER tags_record_removed_lot AFTER DELETE ON tags
  FOR EACH ROW EXECUTE FUNCTION tagflow_record_former_lot();
