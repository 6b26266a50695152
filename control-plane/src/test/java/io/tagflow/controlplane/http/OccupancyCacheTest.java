package io.tagflow.controlplane.http;

import static io.tagflow.controlplane.fixtures.Layouts.SITE;
import static io.tagflow.controlplane.fixtures.Layouts.epc;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.controlplane.live.Observation;
import io.tagflow.controlplane.live.Observation.Via;
import io.tagflow.controlplane.live.SiteState;
import io.tagflow.controlplane.model.TagLookup;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OccupancyCacheTest {
  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  private static final TagLookup LOTS = e -> Optional.of("LOT-1");

  private final SiteState site = new SiteState(Layouts.dc1(false));
  private final OccupancyCache cache = new OccupancyCache();

  private static Observation at(int tag, String place, int seconds, String eventId) {
    return new Observation(SITE, epc(tag), place, Via.LOCATION, T0.plusSeconds(seconds), eventId);
  }

  private static String text(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }

  @Test
  void binsJson_unchangedState_returnsSameSharedEncoding() {
    site.apply(at(1, "A-01", 0, "e1"), LOTS);

    byte[] first = cache.binsJson(site);
    byte[] second = cache.binsJson(site);

    assertThat(second).isSameAs(first);
    assertThat(text(first)).isEqualTo(Json.encode(site.occupancy()));
  }

  @Test
  void binsJson_afterChange_seesTheChange() {
    byte[] before = cache.binsJson(site);

    site.apply(at(1, "B-01", 0, "e1"), LOTS);
    byte[] after = cache.binsJson(site);

    assertThat(after).isNotSameAs(before);
    assertThat(text(after)).isEqualTo(Json.encode(site.occupancy())).contains("\"LOT-1\":1");
    assertThat(text(before)).doesNotContain("LOT-1");
  }

  @Test
  void binsJson_tagMovesBetweenBins_seesBothBinsChanged() {
    site.apply(at(1, "A-01", 0, "e1"), LOTS);
    cache.binsJson(site);

    site.apply(at(1, "A-02", 5, "e2"), LOTS);

    assertThat(text(cache.binsJson(site))).isEqualTo(Json.encode(site.occupancy()));
    assertThat(site.occupancy(("A-01")).orElseThrow().count()).isZero();
  }

  @Test
  void binsJson_staleOrNonBinObservation_keepsTheEncoding() {
    site.apply(at(1, "A-01", 10, "e2"), LOTS);
    byte[] before = cache.binsJson(site);

    site.apply(at(1, "A-02", 5, "e1"), LOTS);      // older: ignored by last-writer-wins
    site.apply(at(2, "door-1", 20, "e3"), LOTS);   // a door, not a bin: occupancy unchanged

    assertThat(cache.binsJson(site)).isSameAs(before);
  }

  @Test
  void binsJson_newStateForSameSite_isNotServedTheOldEncoding() {
    site.apply(at(1, "A-01", 0, "e1"), LOTS);
    byte[] old = cache.binsJson(site);

    SiteState replaced = new SiteState(Layouts.dc1(false));

    assertThat(text(cache.binsJson(replaced))).isNotEqualTo(text(old)).isEqualTo(Json.encode(replaced.occupancy()));
  }

  @Test
  void occupancyVersion_changesOnlyWhenABinChanges() {
    long v0 = site.occupancyVersion();
    site.apply(at(1, "door-1", 0, "e1"), LOTS);
    long v1 = site.occupancyVersion();
    site.apply(at(1, "A-01", 5, "e2"), LOTS);
    long v2 = site.occupancyVersion();

    assertThat(v1).isEqualTo(v0);
    assertThat(v2).isNotEqualTo(v1);
    assertThat(site.versionedOccupancy().version()).isEqualTo(v2);
  }

  @Test
  void binsJson_readersDuringConcurrentUpdates_endOnTheFinalState() throws Exception {
    Thread writer = new Thread(() -> {
      for (int i = 0; i < 2_000; i++) {
        site.apply(at(i % 50, i % 2 == 0 ? "A-01" : "B-01", i, "e" + i), LOTS);
      }
    });
    writer.start();
    while (writer.isAlive()) {
      assertThat(text(cache.binsJson(site))).startsWith("[{\"bin\":\"A-01\"");
    }
    writer.join();

    assertThat(text(cache.binsJson(site))).isEqualTo(Json.encode(site.occupancy()));
  }
}
