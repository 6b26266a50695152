-- TimescaleDB: movements and their tags are hypertables on moved_at, compressed after
-- ${compressAfter} and dropped after ${retainFor} (Flyway placeholders set from StoreOptions).
--
-- moved_at is the timestamp embedded in movement_id (a UUIDv7, RFC 9562 §5.7), computed by ingest.
-- A hypertable's unique index must include its time column, so the primary key is
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
);
SELECT create_hypertable('movements', 'moved_at', chunk_time_interval => interval '1 day');

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
);
SELECT create_hypertable('movement_tags', 'moved_at', chunk_time_interval => interval '1 day');

ALTER TABLE movements SET (timescaledb.compress,
  timescaledb.compress_segmentby = 'site_id, door_id',
  timescaledb.compress_orderby = 'moved_at DESC, movement_id');
ALTER TABLE movement_tags SET (timescaledb.compress,
  timescaledb.compress_segmentby = 'epc',
  timescaledb.compress_orderby = 'moved_at DESC, movement_id');
SELECT add_compression_policy('movements', interval '${compressAfter}');
SELECT add_compression_policy('movement_tags', interval '${compressAfter}');
SELECT add_retention_policy('movements', interval '${retainFor}');
SELECT add_retention_policy('movement_tags', interval '${retainFor}');

-- Kept so that StoreBootstrap can call it on both paths; chunks need no pre-creation here.
CREATE FUNCTION tagflow_ensure_partitions(first timestamptz, months integer) RETURNS text[]
LANGUAGE sql AS $$ SELECT '{}'::text[] $$;
