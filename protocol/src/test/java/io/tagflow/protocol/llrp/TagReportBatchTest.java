package io.tagflow.protocol.llrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagReportBatchTest {
  @Test
  void addTag_beyondCapacity_growsAndKeepsEarlierTags() {
    TagReportBatch batch = new TagReportBatch(2);
    for (int k = 0; k < 100; k++) {
      batch.set(batch.addEpc96(k, k), TagField.ANTENNA_ID, k % 4 + 1);
    }

    assertThat(batch.size()).isEqualTo(100);
    assertThat(batch.tagCapacity()).isGreaterThanOrEqualTo(100);
    assertThat(batch.epcWord(0, 0)).isZero();
    assertThat(batch.epcWord(99, 0)).isEqualTo(99);
    assertThat(batch.epcWord(99, 1)).isEqualTo(99L << 32);
    assertThat(batch.antennaId(98)).isEqualTo(3);
  }

  @Test
  void clear_keepsCapacityForReuse() {
    TagReportBatch batch = new TagReportBatch(2);
    for (int k = 0; k < 10; k++) {
      batch.addEpc96(k, k);
    }
    int tags = batch.tagCapacity();
    int bytes = batch.epcByteCapacity();

    batch.clear();
    batch.addEpc96(7, 7);

    assertThat(batch.size()).isEqualTo(1);
    assertThat(batch.tagCapacity()).isEqualTo(tags);
    assertThat(batch.epcByteCapacity()).isEqualTo(bytes);
    assertThat(batch.presenceMask(0)).isZero();
  }

  @Test
  void epcAccessors_oddBitLength_stayWithinTheTag() {
    TagReportBatch batch = new TagReportBatch();
    batch.addTag(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xE0}, 0, 20);
    batch.addTag(new byte[] {(byte) 0xFF, (byte) 0xFF}, 0, 16);

    assertThat(batch.epcByteLength(0)).isEqualTo(3);
    assertThat(batch.epcHex(0)).isEqualTo("ABCDE0");
    assertThat(batch.epcWord(0, 0)).isEqualTo(0xABCDE00000000000L); // the next tag's bytes are not read
    assertThat(batch.epcByte(0, 2)).isEqualTo(0xE0);
    int seven = batch.addTag(new byte[] {1, 2, 3, 4, 5, 6, 7}, 0, 56);
    assertThat(batch.epcWord(seven, 0)).isEqualTo(0x0102030405060700L);
    assertThat(batch.epcWord(seven, 1)).isZero();
    assertThat(batch.epcEquals(0, new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xE0}, 20)).isTrue();
    assertThat(batch.epcEquals(0, new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xE0}, 24)).isFalse();
    byte[] copy = new byte[4];
    assertThat(batch.copyEpc(1, copy, 1)).isEqualTo(2);
    assertThat(copy).containsExactly(0, 0xFF, 0xFF, 0);
    assertThatThrownBy(() -> batch.epcByte(1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void set_valueOutsideWireRange_isRejectedWithFieldName() {
    TagReportBatch batch = new TagReportBatch();
    int i = batch.addEpc96(1, 1);

    assertThatThrownBy(() -> batch.set(i, TagField.ANTENNA_ID, 65536))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ANTENNA_ID must be in 0..65535");
    assertThatThrownBy(() -> batch.set(i, TagField.PEAK_RSSI, 128))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PEAK_RSSI must be in -128..127");
    batch.set(i, TagField.PEAK_RSSI, -128).set(i, TagField.ACCESS_SPEC_ID, 0xFFFF_FFFFL);
    assertThat(batch.peakRssi(i)).isEqualTo(-128);
    assertThat(batch.accessSpecId(i)).isEqualTo(0xFFFF_FFFFL);
  }

  @Test
  void value_absentField_throwsAndValueOrFallsBack() {
    TagReportBatch batch = new TagReportBatch();
    int i = batch.addEpc96(1, 1);

    assertThatThrownBy(() -> batch.antennaId(i)).isInstanceOf(IllegalStateException.class).hasMessageContaining("ANTENNA_ID");
    assertThat(batch.valueOr(i, TagField.ANTENNA_ID, -1)).isEqualTo(-1);
    batch.set(i, TagField.ANTENNA_ID, 4).unset(i, TagField.ANTENNA_ID);
    assertThat(batch.has(i, TagField.ANTENNA_ID)).isFalse();
  }

  @Test
  void addFrom_copiesEpcAndFields() {
    TagReportBatch source = new TagReportBatch();
    int i = source.addTag(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    source.set(i, TagField.TAG_SEEN_COUNT, 9).set(i, TagField.LAST_SEEN_TIMESTAMP_UPTIME, -1L);
    TagReportBatch target = new TagReportBatch(1);
    target.addEpc96(5, 5);

    int j = target.addFrom(source, i);

    assertThat(j).isEqualTo(1);
    assertThat(target.epcHex(j)).isEqualTo(source.epcHex(i));
    assertThat(target.presenceMask(j)).isEqualTo(source.presenceMask(i));
    assertThat(target.lastSeenTimestampUptime(j)).isEqualTo(-1L);
  }

  @Test
  void tagField_fromTvType_mapsEveryWireCode() {
    for (TagField field : TagField.values()) {
      assertThat(TagField.fromTvType(field.tvType())).isEqualTo(field);
    }
    assertThat(TagField.fromTvType(13)).isNull(); // EPC-96 is not an optional field
    assertThat(TagField.ANTENNA_ID.tvType()).isEqualTo(1);
    assertThat(TagField.ACCESS_SPEC_ID.tvType()).isEqualTo(16);
  }

  @Test
  void reportContent_selectionAndEquality() {
    ReportContent content = ReportContent.of(TagField.ANTENNA_ID, TagField.PEAK_RSSI).without(TagField.PEAK_RSSI);

    assertThat(content.fields()).containsExactly(TagField.ANTENNA_ID);
    assertThat(content).isEqualTo(ReportContent.none().with(TagField.ANTENNA_ID));
    assertThat(content.withEpc96(false).epc96()).isFalse();
    assertThat(ReportContent.all().fields()).containsExactly(TagField.values());
  }
}
