package io.tagflow.gateway.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagTableTest {

  private static TagTrack track(long high, int low) {
    return new TagTrack(high, low, 1, 1, 0, 0);
  }

  /** Random inserts and removals agree with a HashMap model, through growth and backward shifts. */
  @Property(tries = 200)
  void operations_agreeWithHashMap(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 200) Integer> ops) {
    TagTable table = new TagTable(1_000);
    Map<Long, TagTrack> model = new HashMap<>();
    for (int op : ops) {
      // Keys share their high half in groups of 8 so probe runs collide.
      long high = 0x3074_0000_0000_0000L | (op / 8);
      int low = op;
      TagTrack present = table.get(high, low);
      assertThat(present).isSameAs(model.get((long) op));
      if (present == null) {
        TagTrack t = track(high, low);
        assertThat(table.put(t)).isTrue();
        model.put((long) op, t);
      } else {
        for (int slot = 0; slot < table.capacity(); slot++) {
          if (table.at(slot) == present) {
            table.removeAt(slot);
            break;
          }
        }
        model.remove((long) op);
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    for (Map.Entry<Long, TagTrack> e : model.entrySet()) {
      TagTrack t = e.getValue();
      assertThat(table.get(t.epcHigh, t.epcLow)).isSameAs(t);
    }
  }

  @Test
  void put_beyondMaxTags_refused() {
    TagTable table = new TagTable(2);

    assertThat(table.put(track(1, 1))).isTrue();
    assertThat(table.put(track(2, 2))).isTrue();
    assertThat(table.put(track(3, 3))).isFalse();
    assertThat(table.get(3, 3)).isNull();
  }
}
