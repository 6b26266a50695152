-- Read paths over movements (MovementRepository). On a partitioned table or a hypertable these
-- become per-partition / per-chunk indexes.

-- Movements of a site, filtered by door and direction, newest first with keyset pagination on
-- (moved_at, movement_id).
CREATE INDEX movements_by_site_time ON movements (site_id, moved_at DESC, movement_id DESC);
CREATE INDEX movements_by_door_time ON movements (site_id, door_id, moved_at DESC, movement_id DESC);

-- Lot trace and "movements of a lot": from a lot's tags to their movements.
CREATE INDEX movement_tags_by_epc ON movement_tags (epc, moved_at DESC);
