-- movements_per_door_5m must count late movements too. Real-time aggregation reads raw rows only above
-- the materialisation watermark; a movement stored below it (a gateway replaying its outbox after an
-- outage, or a redelivery) is seen only once a refresh covers its bucket. The policy of V2_1 refreshed
-- the last day only, so a movement that arrived more than a day late was never counted.
-- With start_offset NULL each run refreshes every bucket that has been invalidated since the last run,
-- however old: the cost follows the late rows, not the table (TimescaleDB keeps an invalidation log),
-- and buckets whose raw chunks the retention policy dropped disappear as they do from the plain view.
-- A late movement still shows up in the aggregate only after the next run (schedule_interval, 5 min).
SELECT remove_continuous_aggregate_policy('movements_per_door_5m');
SELECT add_continuous_aggregate_policy('movements_per_door_5m',
  start_offset => NULL, end_offset => interval '5 minutes',
  schedule_interval => interval '5 minutes');
