-- Movements per door and direction in 5-minute buckets, kept up to date by TimescaleDB.
-- materialized_only = false adds the not-yet-materialised recent rows at query time, so this
-- answers exactly like the plain view of the same name (plain/V2__movements.sql).
-- WITH NO DATA matters: creating a continuous aggregate WITH DATA refreshes it at once and cannot
-- run inside a transaction block, which is how Flyway runs each migration. The policy below fills it.
CREATE MATERIALIZED VIEW movements_per_door_5m
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT site_id, door_id, direction,
         time_bucket(interval '5 minutes', moved_at) AS bucket,
         count(*) AS movements
  FROM movements
  GROUP BY site_id, door_id, direction, bucket
  WITH NO DATA;

SELECT add_continuous_aggregate_policy('movements_per_door_5m',
  start_offset => interval '1 day', end_offset => interval '5 minutes',
  schedule_interval => interval '5 minutes');
