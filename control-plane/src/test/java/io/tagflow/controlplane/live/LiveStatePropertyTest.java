package io.tagflow.controlplane.live;

import static io.tagflow.controlplane.fixtures.Layouts.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.controlplane.live.Observation.Via;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Convergence: the final state depends on the set of observations, never on their order or repetition. */
class LiveStatePropertyTest {
  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  private static final Duration RETENTION = Duration.ofSeconds(2);
  private static final List<String> PLACES = List.of("A-01", "A-02", "B-01", "stage-1", "door-1", "nowhere");

  @Provide
  Arbitrary<List<Observation>> observations() {
    // Few tags, few seconds and few event ids, so that ties and duplicates are common.
    Arbitrary<Observation> one = Combinators.combine(
        Arbitraries.integers().between(1, 6),
        Arbitraries.of(PLACES),
        Arbitraries.of(Via.class),
        Arbitraries.integers().between(0, 5),
        Arbitraries.of("e1", "e2", "e3"))
        .as((tag, place, via, sec, id) -> new Observation(SITE, Layouts.epc(tag), place, via, T0.plusSeconds(sec), id));
    return one.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 300)
  void apply_anyPermutation_givesSameOccupancyAndPositions(@ForAll("observations") List<Observation> events,
      @ForAll long seed) {
    List<Observation> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(seed));

    LiveState a = applyAll(events);
    LiveState b = applyAll(shuffled);

    assertThat(snapshot(b)).isEqualTo(snapshot(a));
  }

  @Property(tries = 200)
  void apply_everyEventTwice_sameAsOnce(@ForAll("observations") List<Observation> events) {
    List<Observation> twice = new ArrayList<>(events);
    twice.addAll(events);

    assertThat(snapshot(applyAll(twice))).isEqualTo(snapshot(applyAll(events)));
  }

  /**
   * Shipped tags forgotten along the way: as long as no event arrives after the horizon passed its time
   * (each sweep stops at the oldest event still to come), any order ends in the state of the sorted
   * events applied without forgetting, then forgotten once at the end.
   */
  @Property(tries = 300)
  void apply_forgettingShippedWithinRetention_convergesWhateverTheOrder(
      @ForAll("observations") List<Observation> events, @ForAll long seed, @ForAll @IntRange(max = 6) int finalSecond) {
    Instant end = T0.plusSeconds(finalSecond);
    List<Observation> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(seed));
    Random sweeps = new Random(seed);

    LiveState a = newState();
    for (int i = 0; i < shuffled.size(); i++) {
      a.apply(shuffled.get(i));
      if (sweeps.nextBoolean()) {
        Instant oldestToCome = shuffled.subList(i + 1, shuffled.size()).stream().map(Observation::at)
            .min(Instant::compareTo).orElse(end);
        a.forgetShipped(min(oldestToCome, end).plus(RETENTION));
      }
    }
    a.forgetShipped(end.plus(RETENTION));
    List<Observation> sorted = new ArrayList<>(events);
    sorted.sort(Observation.ORDER);
    LiveState b = applyAll(sorted);
    b.forgetShipped(end.plus(RETENTION));

    assertThat(snapshot(a)).isEqualTo(snapshot(b));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static LiveState newState() {
    return new LiveState(List.of(Layouts.dc1(false)),
        epc -> epc.endsWith("6") ? Optional.empty() : Optional.of("LOT-" + (epc.charAt(epc.length() - 1) % 2)),
        new LiveLimits(RETENTION, 1_000), ObservationLookup.NONE);
  }

  private static LiveState applyAll(List<Observation> events) {
    LiveState s = newState();
    events.forEach(s::apply);
    return s;
  }

  private static List<Object> snapshot(LiveState s) {
    SiteState site = s.find(SITE).orElseThrow();
    List<Object> all = new ArrayList<>(site.occupancy());
    for (int tag = 1; tag <= 6; tag++) {
      all.add(site.position(Layouts.epc(tag)));
    }
    return all;
  }
}
