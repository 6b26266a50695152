package io.tagflow.controlplane.repository.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.controlplane.fixtures.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TagLotCacheTest {
  final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T08:00:00Z"));
  final AtomicInteger loads = new AtomicInteger();
  final Function<String, Optional<String>> loader = epc -> {
    loads.incrementAndGet();
    return epc.startsWith("A") ? Optional.of("LOT-" + epc) : Optional.empty();
  };

  @Test
  void get_repeatedWithinTtl_loadsOnceIncludingNegativeAnswers() {
    TagLotCache cache = new TagLotCache(10, Duration.ofSeconds(60), clock);

    assertThat(cache.get("A1", loader)).hasValue("LOT-A1");
    assertThat(cache.get("A1", loader)).hasValue("LOT-A1");
    assertThat(cache.get("B1", loader)).isEmpty();
    assertThat(cache.get("B1", loader)).isEmpty();
    assertThat(loads).hasValue(2);
  }

  @Test
  void get_afterTtl_loadsAgain() {
    TagLotCache cache = new TagLotCache(10, Duration.ofSeconds(60), clock);
    cache.get("B1", loader);

    clock.advance(Duration.ofSeconds(60));
    cache.get("B1", loader);

    assertThat(loads).hasValue(2);
  }

  @Test
  void put_knownRegistration_answersWithoutLoading() {
    TagLotCache cache = new TagLotCache(10, Duration.ofSeconds(60), clock);
    cache.get("B1", loader);

    cache.put("B1", Optional.of("LOT-NEW"));

    assertThat(cache.get("B1", loader)).hasValue("LOT-NEW");
    assertThat(loads).hasValue(1);
  }

  @Test
  void get_beyondMaxEntries_evictsLeastRecentlyUsed() {
    TagLotCache cache = new TagLotCache(2, Duration.ofSeconds(60), clock);
    cache.get("A1", loader);
    cache.get("A2", loader);
    cache.get("A1", loader);
    cache.get("A3", loader);

    assertThat(cache.size()).isEqualTo(2);
    cache.get("A1", loader);
    assertThat(loads).as("A1 was kept, A2 evicted").hasValue(3);
    cache.get("A2", loader);
    assertThat(loads).hasValue(4);
  }

  @Test
  void missing_freshExpiredAndUnknown_listsExpiredAndUnknownOnce() {
    TagLotCache cache = new TagLotCache(10, Duration.ofSeconds(60), clock);
    cache.put("A", Optional.of("L-1"));
    clock.advance(Duration.ofSeconds(61));
    cache.put("B", Optional.empty());

    assertThat(cache.missing(List.of("A", "B", "C", "C"))).containsExactly("A", "C");
  }
}
