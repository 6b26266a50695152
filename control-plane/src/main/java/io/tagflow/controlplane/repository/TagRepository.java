package io.tagflow.controlplane.repository;

import io.tagflow.controlplane.model.TagLookup;
import io.tagflow.controlplane.model.TagRecord;
import java.util.Collection;
import java.util.List;

/**
 * The tag registry: which lot each EPC was commissioned for. {@link #lotOf} is called for every tag of
 * every event, so implementations should answer it from memory or a cache.
 */
public interface TagRepository extends TagLookup {
  /**
   * Inserts or replaces registry entries (an EPC moves to the lot last given for it). Idempotent; all or
   * nothing.
   *
   * @return how many entries were stored (given), changed or not
   */
  int upsertAll(List<TagRecord> tags);

  /**
   * A hint that {@link #lotOf} is about to be asked for each of {@code epcs} (the tags of an ingest batch,
   * or of the live-state rebuild): an implementation with a cache loads the ones it lacks in a few bulk
   * queries instead of one query per tag. Does nothing by default.
   */
  default void prefetch(Collection<String> epcs) {
  }

  /** The EPCs registered for {@code lotId}, sorted, at most {@code limit}. */
  List<String> epcsOfLot(String lotId, int limit);
}
