-- Lot trace: from a lot's tags to their movements. Carrying movement_id in the epc index makes that step
-- an index-only scan: a lot of 500 tags moved 20 times each is 10,000 index entries, which as heap
-- fetches scattered over a 10-million-row table cost most of the trace (docs/performance.md, "query").
DROP INDEX movement_tags_by_epc;
CREATE INDEX movement_tags_by_epc ON movement_tags (epc, moved_at DESC) INCLUDE (movement_id);
