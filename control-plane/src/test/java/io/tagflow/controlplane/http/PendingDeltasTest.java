package io.tagflow.controlplane.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PendingDeltasTest {
  private static String occupancy(String bin, int count) {
    return "{\"kind\":\"occupancy\",\"site\":\"dc1\",\"data\":{\"bin\":\"" + bin + "\",\"count\":" + count + "}}";
  }

  private static String movement(String id) {
    return "{\"kind\":\"movement\",\"site\":\"dc1\",\"data\":{\"movementId\":\"" + id + "\"}}";
  }

  @Test
  void add_firstIntoEmpty_returnsTrueThenFalse() {
    PendingDeltas p = new PendingDeltas(10, 10_000);

    assertThat(p.add(null, movement("m1"))).isTrue();
    assertThat(p.add(null, movement("m2"))).isFalse();
    p.drain("dc1");
    assertThat(p.add("A-01", occupancy("A-01", 1))).isTrue();
  }

  @Test
  void drain_repeatedBinOccupancy_keepsNewestAtItsPlace_movementsAllInOrder() {
    PendingDeltas p = new PendingDeltas(10, 10_000);
    p.add("A-01", occupancy("A-01", 1));
    p.add(null, movement("m1"));
    p.add("B-01", occupancy("B-01", 5));
    p.add(null, movement("m2"));
    p.add("A-01", occupancy("A-01", 2));

    Frame f = p.drain("dc1");

    assertThat(f.resync()).isFalse();
    assertThat(f.deltas()).containsExactly(movement("m1"), occupancy("B-01", 5), movement("m2"), occupancy("A-01", 2));
    assertThat(p.isEmpty()).isTrue();
    assertThat(p.drain("dc1").deltas()).isEmpty();
  }

  @Test
  void frameBatch_isOneJsonMessageHoldingTheDeltasInOrder() throws Exception {
    PendingDeltas p = new PendingDeltas(10, 10_000);
    p.add(null, movement("m1"));
    p.add("A-01", occupancy("A-01", 3));

    JsonNode batch = Json.MAPPER.readTree(p.drain("dc1").batch());

    assertThat(batch.get("kind").asText()).isEqualTo("batch");
    assertThat(batch.get("site").asText()).isEqualTo("dc1");
    assertThat(batch.get("data")).hasSize(2);
    assertThat(batch.get("data").get(0).get("data").get("movementId").asText()).isEqualTo("m1");
    assertThat(batch.get("data").get(1).get("data").get("count").asInt()).isEqualTo(3);
  }

  @Test
  void add_pastMaxDeltas_dropsAllAndNextFrameIsResync_laterAddsDroppedUntilDrain() {
    PendingDeltas p = new PendingDeltas(3, 10_000);
    for (int i = 0; i < 4; i++) {
      p.add(null, movement("m" + i));
    }
    p.add(null, movement("late"));

    assertThat(p.isEmpty()).isFalse();
    assertThat(p.size()).isZero();
    Frame f = p.drain("dc1");
    assertThat(f.resync()).isTrue();
    assertThat(f.deltas()).isEmpty();
    assertThat(f.batch()).isNull();

    p.add(null, movement("after"));
    assertThat(p.drain("dc1").deltas()).containsExactly(movement("after"));
  }

  @Test
  void add_pastMaxChars_resync() {
    PendingDeltas p = new PendingDeltas(100, movement("m1").length() * 2L);
    p.add(null, movement("m1"));
    p.add(null, movement("m2"));
    assertThat(p.drain("dc1").resync()).isFalse();

    p.add(null, movement("m1"));
    p.add(null, movement("m2"));
    p.add(null, movement("m3"));
    assertThat(p.drain("dc1").resync()).isTrue();
  }

  @Test
  void new_nonPositiveBounds_refused() {
    assertThatThrownBy(() -> new PendingDeltas(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PendingDeltas(10, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
