-- Plain PostgreSQL: movements and their tags are range-partitioned by moved_at (PostgreSQL 15
-- declarative partitioning, monthly partitions created ahead by tagflow_ensure_partitions, plus a
-- DEFAULT partition so an event far in the past or future is still stored).
--
-- moved_at is the timestamp embedded in movement_id (a UUIDv7, RFC 9562 §5.7), computed by ingest.
-- A unique constraint on a partitioned table must include the partition key, so the primary key is
-- (movement_id, moved_at); because moved_at is a function of movement_id, this is exactly as strict
-- as a key on movement_id alone, and ON CONFLICT DO NOTHING makes inserts idempotent.

CREATE TABLE movements (
  movement_id    uuid NOT NULL,
  moved_at       timestamptz NOT NULL,
  site_id        text NOT NULL,
  gateway_id     text NOT NULL,
  door_id        text NOT NULL,
  direction      text NOT NULL CHECK (direction IN ('IN', 'OUT')),
  confidence     double precision NOT NULL,
  started_at     timestamptz NOT NULL,
  ended_at       timestamptz NOT NULL,
  pallet_sscc    text,
  tag_count      integer NOT NULL,
  inside_reads   integer NOT NULL,
  outside_reads  integer NOT NULL,
  rssi_trend_db  double precision NOT NULL,
  arbitration    text,
  received_at    timestamptz NOT NULL,
  PRIMARY KEY (movement_id, moved_at)
) PARTITION BY RANGE (moved_at);
CREATE TABLE movements_default PARTITION OF movements DEFAULT;

CREATE TABLE movement_tags (
  movement_id  uuid NOT NULL,
  moved_at     timestamptz NOT NULL,
  epc          text NOT NULL,
  uri          text,
  first_seen   timestamptz NOT NULL,
  last_seen    timestamptz NOT NULL,
  reads        integer NOT NULL,
  peak_rssi    double precision NOT NULL,
  PRIMARY KEY (movement_id, moved_at, epc)
) PARTITION BY RANGE (moved_at);
CREATE TABLE movement_tags_default PARTITION OF movement_tags DEFAULT;

-- Creates the monthly partitions of both tables for `months` months from the month of `first`.
-- A month whose rows already sit in the DEFAULT partition is skipped (PostgreSQL would refuse to
-- attach it): those rows stay queryable there, and the month is reported in the result.
CREATE FUNCTION tagflow_ensure_partitions(first timestamptz, months integer) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  month_start timestamptz;
  month_end   timestamptz;
  parent      text;
  part        text;
  skipped     text[] := '{}';
BEGIN
  FOR i IN 0 .. months - 1 LOOP
    month_start := (date_trunc('month', first AT TIME ZONE 'UTC') + make_interval(months => i)) AT TIME ZONE 'UTC';
    month_end   := month_start + interval '1 month';
    FOREACH parent IN ARRAY ARRAY['movements', 'movement_tags'] LOOP
      part := parent || '_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYYMM');
      CONTINUE WHEN to_regclass(part) IS NOT NULL;
      IF EXISTS (SELECT 1 FROM ONLY movements_default WHERE moved_at >= month_start AND moved_at < month_end)
         OR EXISTS (SELECT 1 FROM ONLY movement_tags_default WHERE moved_at >= month_start AND moved_at < month_end) THEN
        skipped := skipped || part;
        CONTINUE;
      END IF;
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                     part, parent, month_start, month_end);
    END LOOP;
  END LOOP;
  RETURN skipped;
END $$;

-- Same name and columns as the TimescaleDB continuous aggregate; computed on read here.
-- date_bin with origin 2000-01-03 gives the same 5-minute buckets as time_bucket.
CREATE VIEW movements_per_door_5m AS
  SELECT site_id, door_id, direction,
         date_bin(interval '5 minutes', moved_at, timestamptz '2000-01-03 00:00:00+00') AS bucket,
         count(*) AS movements
  FROM movements
  GROUP BY site_id, door_id, direction, bucket;
