-- Retention for plain mode (TimescaleDB has add_retention_policy instead): drops the monthly
-- partitions that lie wholly before `cutoff` and deletes older rows from the DEFAULT partitions.
-- Partitions are named <table>_YYYYMM by tagflow_ensure_partitions, so the name gives the month.
CREATE FUNCTION tagflow_drop_partitions_before(cutoff timestamptz) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  part    record;
  dropped text[] := '{}';
BEGIN
  FOR part IN
    SELECT c.relname
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent IN ('movements'::regclass, 'movement_tags'::regclass)
      AND c.relname ~ '^(movements|movement_tags)_[0-9]{6}$'
    ORDER BY c.relname
  LOOP
    IF ((to_date(right(part.relname, 6), 'YYYYMM') + interval '1 month') AT TIME ZONE 'UTC') <= cutoff THEN
      EXECUTE format('DROP TABLE %I', part.relname);
      dropped := dropped || part.relname::text;
    END IF;
  END LOOP;
  DELETE FROM movement_tags_default WHERE moved_at < cutoff;
  DELETE FROM movements_default WHERE moved_at < cutoff;
  RETURN dropped;
END $$;
