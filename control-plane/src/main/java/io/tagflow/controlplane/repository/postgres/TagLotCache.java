package io.tagflow.controlplane.repository.postgres;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A bounded, expiring cache of registry look-ups (EPC to lot, or "not registered"), because every tag of
 * every event is looked up two or three times (live state, unregistered-tag and exit rules).
 *
 * <p>Entries expire {@code ttl} after they were loaded, so a registration made through another
 * control-plane instance is seen within {@code ttl}; imports through this instance update the cache at
 * once ({@link #put}). At most {@code maxEntries} are kept, least recently used evicted first.
 * Thread-safe (one lock; look-ups that miss load outside it).
 */
final class TagLotCache {
  static final int DEFAULT_MAX_ENTRIES = 500_000;
  static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

  private record Entry(Optional<String> lot, Instant loadedAt) {
  }

  private final int maxEntries;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> entries;

  TagLotCache(int maxEntries, Duration ttl, Clock clock) {
    if (maxEntries < 1 || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("maxEntries and ttl must be positive");
    }
    this.maxEntries = maxEntries;
    this.ttl = ttl;
    this.clock = clock;
    this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > TagLotCache.this.maxEntries;
      }
    };
  }

  /** The cached answer for {@code epc}, or {@code loader}'s (which may block), cached. */
  Optional<String> get(String epc, Function<String, Optional<String>> loader) {
    Instant now = clock.instant();
    synchronized (this) {
      Entry e = entries.get(epc);
      if (e != null && now.isBefore(e.loadedAt().plus(ttl))) {
        return e.lot();
      }
    }
    Optional<String> lot = loader.apply(epc);
    put(epc, lot);
    return lot;
  }

  /** The EPCs of {@code epcs} with no unexpired entry. */
  synchronized java.util.List<String> missing(java.util.Collection<String> epcs) {
    Instant now = clock.instant();
    return epcs.stream().distinct().filter(epc -> {
      Entry e = entries.get(epc);
      return e == null || !now.isBefore(e.loadedAt().plus(ttl));
    }).toList();
  }

  /** Records a known answer (e.g. a registration this instance just stored). */
  synchronized void put(String epc, Optional<String> lot) {
    entries.put(epc, new Entry(lot, clock.instant()));
  }

  synchronized int size() {
    return entries.size();
  }
}
