-- A lot trace reaches each of its movements by (movement_id, moved_at). With movements segmented by
-- (site_id, door_id), that probe cannot tell which door's batch holds the row and decompresses the
-- batches of every door around moved_at (about 5,300 rows per probe on the query benchmark). Segmented
-- by site only, the batches are ordered by moved_at within a site and the probe opens one of them
-- (0.92 -> 0.35 ms per probe, docs/performance.md "query"). Filters on door_id over compressed chunks
-- then read the site's batches of the time range instead of one door's, which the time range keeps small.
-- Chunks compressed earlier keep their settings until they are recompressed.
ALTER TABLE movements SET (timescaledb.compress_segmentby = 'site_id',
  timescaledb.compress_orderby = 'moved_at DESC, movement_id');
