package io.tagflow.gateway.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TagTrackTest {
  /** A gateway of 1,000 readers: 4,000 read points, 1,000 doors, 2,000 zones. */
  private static TagTrack bigGatewayTrack() {
    return new TagTrack(0x3034_0000_0000_0001L, 7, 4000, 2, 1000, 2000);
  }

  @Test
  void readPointSlots_tagMeetsTenOfManyReadPoints_keepsTenSlotsEachWithItsOwnState() {
    TagTrack t = bigGatewayTrack();
    for (int i = 0; i < 10; i++) {
      t.setPresent(i * 397, i % 2 == 0);
    }
    assertThat(t.readPointSlots).isEqualTo(10);
    assertThat(t.presentCount).isEqualTo(5);
    for (int i = 0; i < 10; i++) {
      assertThat(t.present(i * 397)).as("read point %d", i * 397).isEqualTo(i % 2 == 0);
    }
    assertThat(t.present(5)).isFalse();
    assertThat(t.readPointSlot(5)).isEqualTo(-1);
    assertThat(t.recentReads.length).isEqualTo(16 * 2);
  }

  @Test
  void doorAndZoneSlots_addedOncePerDoorOrZone_returnTheSameStateAgain() {
    TagTrack t = bigGatewayTrack();
    DoorEvidence d900 = t.doorFor(900);
    DoorEvidence d3 = t.doorFor(3);
    DoorEvidence d512 = t.doorFor(512);
    assertThat(t.doorFor(900)).isSameAs(d900);
    assertThat(t.doorFor(3)).isSameAs(d3).isNotSameAs(d512);
    assertThat(t.doorSlots).isEqualTo(3);
    assertThat(t.doorSlot(4)).isEqualTo(-1);

    int z = t.zoneSlotFor(1999);
    t.zoneRssi[z] = -51.5;
    t.zoneSlotFor(0);
    t.zoneSlotFor(7);
    assertThat(t.zoneRssi[t.zoneSlot(1999)]).isEqualTo(-51.5);
    assertThat(t.zoneSlot(8)).isEqualTo(-1);
    assertThat(t.zoneSlots).isEqualTo(3);
  }
}
