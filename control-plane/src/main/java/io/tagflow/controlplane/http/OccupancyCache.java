package io.tagflow.controlplane.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tagflow.controlplane.live.SiteState;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The JSON of each site's bin occupancy list, encoded once per change and shared by every reader.
 *
 * <p>Contract: {@link #binsJson} returns the encoding of a list at least as new as the site's state when
 * the call began, so a request that starts after {@link SiteState#apply} returned a change sees that
 * change. Thread-safe without locks of its own: the version is read under the site's lock; two readers
 * that find the entry stale may both encode (the work is repeated, never wrong) and the newer encoding wins.
 *
 * <p>Why: building 10,000 {@code BinOccupancy} records and encoding them (~1.2 MB) cost about 15-25 ms
 * per request, while the list changes only when a tag enters or leaves a bin.
 */
final class OccupancyCache {
  private record Encoded(SiteState state, long version, byte[] json) {
  }

  private final ConcurrentMap<String, Encoded> bySite = new ConcurrentHashMap<>();

  /**
   * The JSON array of {@code site}'s occupancy, as {@link Json#MAPPER} writes {@link SiteState#occupancy()}.
   * The returned array is shared: callers must not modify it.
   */
  byte[] binsJson(SiteState site) {
    String id = site.layout().id();
    Encoded cached = bySite.get(id);
    if (cached != null && cached.state() == site && cached.version() == site.occupancyVersion()) {
      return cached.json();
    }
    SiteState.VersionedOccupancy now = site.versionedOccupancy();
    Encoded fresh = new Encoded(site, now.version(), encode(now));
    // Keep the newest encoding for the current state object; a state replaced for the same site id wins.
    bySite.merge(id, fresh, (old, neu) -> old.state() == neu.state() && old.version() > neu.version() ? old : neu);
    return fresh.json();
  }

  private static byte[] encode(SiteState.VersionedOccupancy occupancy) {
    try {
      return Json.MAPPER.writeValueAsBytes(occupancy.bins());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
