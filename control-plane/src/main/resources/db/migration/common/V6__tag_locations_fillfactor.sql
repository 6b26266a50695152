-- Ingest updates a tag's row in tag_locations at every movement of the tag. With room left on each page
-- the update is HOT (heap-only: no new entry in the primary-key index, the old version pruned in place),
-- as long as it leaves the indexed columns alone, which a move from door to door does. Measured at about
-- half the cost of the same 10,000-row upsert at the default fillfactor of 100 (docs/performance.md,
-- ingest). Takes effect for pages written from now on.
ALTER TABLE tag_locations SET (fillfactor = 50);
