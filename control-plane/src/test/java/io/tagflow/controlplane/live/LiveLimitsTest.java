package io.tagflow.controlplane.live;

import static io.tagflow.controlplane.fixtures.Layouts.SITE;
import static io.tagflow.controlplane.fixtures.Layouts.epc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.controlplane.live.Observation.Via;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bounded live state: shipped tags are forgotten after the retention, and a full site makes room or refuses. */
class LiveLimitsTest {
  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  private static final Duration RETENTION = Duration.ofMinutes(10);

  private static LiveState state(int maxTags) {
    return new LiveState(List.of(Layouts.dc1(false)), e -> Optional.of("LOT-1"), new LiveLimits(RETENTION, maxTags),
        ObservationLookup.NONE);
  }

  private static Observation seen(int tag, String place, Via via, int seconds) {
    return new Observation(SITE, epc(tag), place, via, T0.plusSeconds(seconds), "e" + tag + "-" + seconds);
  }

  private static SiteState site(LiveState s) {
    return s.find(SITE).orElseThrow();
  }

  @Test
  void forgetShipped_afterRetention_dropsShippedTagsOnly() {
    LiveState s = state(100);
    s.apply(seen(1, "door-1", Via.MOVEMENT_OUT, 0));
    s.apply(seen(2, "A-01", Via.LOCATION, 0));
    s.apply(seen(3, "door-1", Via.MOVEMENT_IN, 0));

    assertThat(s.forgetShipped(T0.plus(RETENTION))).isZero();
    assertThat(s.forgetShipped(T0.plus(RETENTION).plusSeconds(1))).isEqualTo(1);

    assertThat(site(s).position(epc(1))).isEmpty();
    assertThat(site(s).position(epc(2))).isPresent();
    assertThat(site(s).position(epc(3))).isPresent();
    assertThat(site(s).size()).isEqualTo(2);
    assertThat(site(s).forgotten()).isEqualTo(1);
  }

  @Test
  void apply_lateOutBeforeHorizonOfUnknownTag_isNotTracked() {
    LiveState s = state(100);
    s.forgetShipped(T0.plus(RETENTION).plusSeconds(60));

    assertThat(s.apply(seen(1, "door-1", Via.MOVEMENT_OUT, 30))).isEmpty();
    assertThat(site(s).position(epc(1))).isEmpty();
    // A later OUT (after the horizon) is tracked as usual.
    assertThat(s.apply(seen(1, "door-1", Via.MOVEMENT_OUT, 700))).isPresent();
  }

  @Test
  void apply_lateReplayOfForgottenTag_storeDecidesAndTheTagStaysShipped() {
    Observation out = seen(1, "door-1", Via.MOVEMENT_OUT, 60);
    LiveState s = new LiveState(List.of(Layouts.dc1(false)), e -> Optional.of("LOT-1"), new LiveLimits(RETENTION, 100),
        (site, epc) -> epc.equals(epc(1)) ? Optional.of(out) : Optional.empty());
    s.apply(out);
    s.forgetShipped(T0.plus(RETENTION).plusSeconds(120));

    // Replayed long after: the tag's earlier bin reading. The store's OUT is newer, so nothing reappears.
    assertThat(s.apply(seen(1, "A-01", Via.LOCATION, 10))).isEmpty();
    assertThat(site(s).position(epc(1))).isEmpty();
    assertThat(site(s).occupancy("A-01")).get().extracting(BinOccupancy::count).isEqualTo(0);
    // A tag the store knows nothing newer of is placed by the late event itself.
    assertThat(s.apply(seen(2, "A-01", Via.LOCATION, 10))).isPresent();
  }

  @Test
  void apply_shippedTagComesBackIn_isTrackedAgainAndNotForgotten() {
    LiveState s = state(100);
    s.apply(seen(1, "door-1", Via.MOVEMENT_OUT, 0));
    s.apply(seen(1, "door-2", Via.MOVEMENT_IN, 5));

    assertThat(s.forgetShipped(T0.plus(RETENTION).plusSeconds(60))).isZero();
    assertThat(site(s).position(epc(1))).get().extracting(TagPosition::kind).isEqualTo(PlaceKind.DOOR);
  }

  @Test
  void apply_siteFull_forgetsOldestShippedFirst() {
    LiveState s = state(3);
    s.apply(seen(1, "door-1", Via.MOVEMENT_OUT, 20));
    s.apply(seen(2, "door-1", Via.MOVEMENT_OUT, 10));
    s.apply(seen(3, "A-01", Via.LOCATION, 0));

    assertThat(s.apply(seen(4, "A-02", Via.LOCATION, 30))).isPresent();

    assertThat(site(s).position(epc(2))).isEmpty();
    assertThat(site(s).position(epc(1))).isPresent();
    assertThat(site(s).position(epc(4))).isPresent();
    assertThat(site(s).size()).isEqualTo(3);
    // The horizon moved up to the forgotten tag: its own older OUT, arriving late, stays forgotten.
    assertThat(s.apply(seen(2, "door-2", Via.MOVEMENT_OUT, 5))).isEmpty();
  }

  @Test
  void apply_siteFullOfTagsOnSite_refusesNewTagsButUpdatesKnownOnes() {
    LiveState s = state(2);
    s.apply(seen(1, "A-01", Via.LOCATION, 0));
    s.apply(seen(2, "A-01", Via.LOCATION, 0));

    assertThat(s.apply(seen(3, "A-02", Via.LOCATION, 1))).isEmpty();
    assertThat(s.apply(seen(4, "A-02", Via.LOCATION, 1))).isEmpty();
    assertThat(s.apply(seen(1, "A-02", Via.LOCATION, 2))).isPresent();

    assertThat(site(s).refused()).isEqualTo(2);
    assertThat(site(s).size()).isEqualTo(2);
    assertThat(site(s).occupancy("A-02")).get().extracting(BinOccupancy::count).isEqualTo(1);
  }

  @Test
  void limits_nonPositive_areRefusedWithTheirName() {
    assertThatThrownBy(() -> new LiveLimits(Duration.ZERO, 1)).hasMessageContaining("shippedRetention");
    assertThatThrownBy(() -> new LiveLimits(RETENTION, 0)).hasMessageContaining("maxTagsPerSite");
  }
}
