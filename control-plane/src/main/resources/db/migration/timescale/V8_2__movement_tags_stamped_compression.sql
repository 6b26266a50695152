-- movement_tags is compressed segmented by lot (see common/V8_1): a lot's rows of one day are one or two
-- compressed batches, so a trace reads about 2 batches per chunk instead of looking up each of the lot's
-- tags (segmentby epc gave about two rows per segment, and compression made the table larger).
-- Chunks compressed earlier keep their settings (and lot_id NULL) until they are recompressed; the trace
-- still finds their rows, by EPC.
ALTER TABLE movement_tags SET (timescaledb.compress_segmentby = 'lot_id',
  timescaledb.compress_orderby = 'moved_at DESC, movement_id, epc');

-- Fills lot_id and the movement's summary columns of the rows of one uncompressed chunk that are not
-- stamped yet, in one UPDATE (a hash join of the chunk with its day of movements and the registry). A tag
-- not in the registry keeps lot_id NULL: its rows stay found by EPC. Returns the rows stamped.
CREATE FUNCTION tagflow_stamp_movement_tags(chunk regclass) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  stamped bigint;
  low timestamptz;
  high timestamptz;
BEGIN
  SELECT c.range_start, c.range_end INTO low, high FROM timescaledb_information.chunks c
  WHERE format('%I.%I', c.chunk_schema, c.chunk_name)::regclass = chunk;
  SET LOCAL work_mem = '256MB';
  EXECUTE format('UPDATE %1$s mt SET lot_id = s.lot_id, site_id = s.site_id, gateway_id = s.gateway_id,'
      ' door_id = s.door_id, direction = s.direction, confidence = s.confidence, started_at = s.started_at,'
      ' ended_at = s.ended_at, pallet_sscc = s.pallet_sscc, tag_count = s.tag_count'
      ' FROM (SELECT r.ctid AS row_ctid, t.lot_id, m.site_id, m.gateway_id, m.door_id, m.direction, m.confidence,'
      '   m.started_at, m.ended_at, m.pallet_sscc, m.tag_count'
      '   FROM %1$s r JOIN movements m ON m.movement_id = r.movement_id AND m.moved_at = r.moved_at'
      '   LEFT JOIN tags t ON t.epc = r.epc'
      '   WHERE r.door_id IS NULL AND m.moved_at >= %2$L AND m.moved_at < %3$L) s'
      ' WHERE mt.ctid = s.row_ctid', chunk, low, high);
  GET DIAGNOSTICS stamped = ROW_COUNT;
  RETURN stamped;
END $$;

-- The compression job of movement_tags (in place of TimescaleDB's policy, which cannot stamp), for every
-- chunk older than config.compress_after, one transaction per chunk:
--   not compressed: stamped, then compressed;
--   compressed before this migration (segmented by epc, not stamped): decompressed, stamped, compressed;
--   compressed, with rows added since (late movements): recompressed as the policy would, without
--   stamping the new rows (a trace finds them by EPC).
CREATE PROCEDURE tagflow_compress_movement_tags(job_id integer, config jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  older_than interval := (config->>'compress_after')::interval;
  c record;
BEGIN
  IF older_than IS NULL THEN
    RAISE EXCEPTION 'tagflow_compress_movement_tags: config needs compress_after (an interval), got %', config;
  END IF;
  FOR c IN
    SELECT format('%I.%I', ch.chunk_schema, ch.chunk_name)::regclass AS chunk, ch.is_compressed,
           coalesce(cs.segmentby, '') = 'lot_id' AS by_lot
    FROM timescaledb_information.chunks ch
    LEFT JOIN timescaledb_information.chunk_compression_settings cs
      ON cs.chunk = format('%I.%I', ch.chunk_schema, ch.chunk_name)::regclass
    WHERE ch.hypertable_schema = 'public' AND ch.hypertable_name = 'movement_tags'
      AND ch.range_end < now() - older_than
    ORDER BY ch.range_start
  LOOP
    IF c.is_compressed AND NOT c.by_lot THEN
      PERFORM decompress_chunk(c.chunk);
    END IF;
    IF NOT c.is_compressed OR NOT c.by_lot THEN
      PERFORM tagflow_stamp_movement_tags(c.chunk);
    END IF;
    PERFORM compress_chunk(c.chunk, if_not_compressed => true);
    COMMIT;
  END LOOP;
END $$;

SELECT remove_compression_policy('movement_tags');
SELECT add_job('tagflow_compress_movement_tags', interval '12 hours',
  config => jsonb_build_object('compress_after', '${compressAfter}'));
