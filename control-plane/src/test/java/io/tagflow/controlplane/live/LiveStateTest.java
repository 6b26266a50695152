package io.tagflow.controlplane.live;

import static io.tagflow.controlplane.fixtures.Layouts.SITE;
import static io.tagflow.controlplane.fixtures.Layouts.epc;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.controlplane.live.Observation.Via;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveStateTest {
  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

  private final LiveState state = new LiveState(List.of(Layouts.dc1(false)),
      e -> e.equals(epc(99)) ? Optional.empty() : Optional.of(e.endsWith("1") ? "LOT-1" : "LOT-2"));

  private static Observation at(int tag, String place, int seconds, String eventId) {
    return new Observation(SITE, epc(tag), place, Via.LOCATION, T0.plusSeconds(seconds), eventId);
  }

  @Test
  void apply_tagIntoBin_countsItUnderItsLot() {
    Optional<PositionChange> change = state.apply(at(1, "A-01", 0, "e1"));

    assertThat(change).isPresent();
    assertThat(change.get().previous()).isNull();
    assertThat(change.get().bins()).singleElement().satisfies(b -> {
      assertThat(b.bin()).isEqualTo("A-01");
      assertThat(b.count()).isEqualTo(1);
      assertThat(b.lots()).isEqualTo(Map.of("LOT-1", 1));
    });
  }

  @Test
  void apply_sameObservationTwice_secondIsNoOpAndStateUnchanged() {
    state.apply(at(1, "A-01", 0, "e1"));
    List<BinOccupancy> before = state.find(SITE).orElseThrow().occupancy();

    Optional<PositionChange> again = state.apply(at(1, "A-01", 0, "e1"));

    assertThat(again).isEmpty();
    assertThat(state.find(SITE).orElseThrow().occupancy()).isEqualTo(before);
  }

  @Test
  void apply_olderObservationAfterNewer_isIgnored() {
    state.apply(at(1, "A-02", 10, "e2"));

    assertThat(state.apply(at(1, "A-01", 5, "e1"))).isEmpty();
    assertThat(state.find(SITE).orElseThrow().position(epc(1))).get()
        .extracting(TagPosition::place).isEqualTo("A-02");
  }

  @Test
  void apply_sameTimeDifferentEvents_higherEventIdWinsWhateverTheOrder() {
    LiveState other = new LiveState(List.of(Layouts.dc1(false)), e -> Optional.of("LOT-1"));
    state.apply(at(1, "A-01", 0, "e-b"));
    state.apply(at(1, "A-02", 0, "e-a"));
    other.apply(at(1, "A-02", 0, "e-a"));
    other.apply(at(1, "A-01", 0, "e-b"));

    assertThat(state.position(epc(1)).orElseThrow().place()).isEqualTo("A-01");
    assertThat(other.position(epc(1)).orElseThrow().place()).isEqualTo("A-01");
  }

  @Test
  void apply_moveBetweenBins_decrementsOldAndIncrementsNew() {
    state.apply(at(1, "A-01", 0, "e1"));
    state.apply(at(3, "A-01", 0, "e1"));

    PositionChange change = state.apply(at(1, "A-02", 5, "e2")).orElseThrow();

    assertThat(change.previous().place()).isEqualTo("A-01");
    assertThat(change.bins()).extracting(BinOccupancy::bin, BinOccupancy::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A-01", 1), org.assertj.core.groups.Tuple.tuple("A-02", 1));
    // epc(3) is of LOT-2 and stayed; epc(1) of LOT-1 left.
    assertThat(state.find(SITE).orElseThrow().occupancy("A-01").orElseThrow().lots()).isEqualTo(Map.of("LOT-2", 1));
  }

  @Test
  void apply_outMovement_removesFromBinAndMarksShipped() {
    state.apply(at(1, "A-01", 0, "e1"));

    PositionChange change = state.apply(
        new Observation(SITE, epc(1), "door-1", Via.MOVEMENT_OUT, T0.plusSeconds(60), "m1")).orElseThrow();

    assertThat(change.current().kind()).isEqualTo(PlaceKind.SHIPPED);
    assertThat(change.bins()).singleElement().extracting(BinOccupancy::count).isEqualTo(0);
  }

  @Test
  void apply_unregisteredTag_countedSeparately() {
    state.apply(at(99, "B-01", 0, "e1"));
    state.apply(at(1, "B-01", 0, "e1"));

    BinOccupancy b = state.find(SITE).orElseThrow().occupancy("B-01").orElseThrow();
    assertThat(b.count()).isEqualTo(2);
    assertThat(b.unregistered()).isEqualTo(1);
    assertThat(b.lots()).isEqualTo(Map.of("LOT-1", 1));
    assertThat(b.fillPercent()).isEqualTo(20);
  }

  @Test
  void apply_stagingPoint_isDoorKindAndCountsNowhere() {
    PositionChange change = state.apply(at(1, "stage-1", 0, "e1")).orElseThrow();

    assertThat(change.current().kind()).isEqualTo(PlaceKind.DOOR);
    assertThat(change.bins()).isEmpty();
  }

  @Test
  void apply_fourIntoBinOfThree_reportsOverCapacity() {
    for (int i = 1; i <= 4; i++) {
      state.apply(at(i, "A-01", i, "e" + i));
    }

    BinOccupancy b = state.find(SITE).orElseThrow().occupancy("A-01").orElseThrow();
    assertThat(b.overCapacity()).isTrue();
    assertThat(b.fillPercent()).isEqualTo(133);
  }

  @Test
  void apply_unknownSite_tracksTagWithoutBins() {
    state.apply(new Observation("elsewhere", epc(1), "X-1", Via.LOCATION, T0, "e1"));

    assertThat(state.siteIds()).contains("elsewhere", SITE);
    assertThat(state.find("elsewhere").orElseThrow().position(epc(1))).get()
        .extracting(TagPosition::kind).isEqualTo(PlaceKind.UNKNOWN);
  }

  @Test
  void rebuild_storedObservationsInAnyOrder_countsOnlyChanges() {
    int applied = state.rebuild(SITE, List.of(at(1, "A-02", 10, "e2"), at(1, "A-01", 5, "e1"), at(3, "B-01", 1, "e3")));

    assertThat(applied).isEqualTo(2);
    assertThat(state.find(SITE).orElseThrow().occupancy()).extracting(BinOccupancy::count).containsExactly(0, 1, 1);
  }
}
