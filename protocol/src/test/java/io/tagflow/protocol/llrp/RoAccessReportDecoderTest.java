package io.tagflow.protocol.llrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RoAccessReportDecoderTest {
  private final RoAccessReportDecoder decoder = new RoAccessReportDecoder();
  private final TagReportBatch batch = new TagReportBatch(1);

  @Test
  void decode_fx9600OneTag_readsEveryField() {
    LlrpFrame frame = LlrpFrames.frame(LlrpFrames.FX9600_ONE_TAG);

    assertThat(decoder.decode(frame, batch)).isEqualTo(1);

    assertThat(frame.version()).isEqualTo(1);
    assertThat(frame.messageId()).isEqualTo(3000);
    assertThat(batch.epcBitLength(0)).isEqualTo(96);
    assertThat(batch.epcHex(0)).isEqualTo("300833B2DDD9014000000001");
    assertThat(batch.epcWord(0, 0)).isEqualTo(0x300833B2DDD90140L);
    assertThat(batch.epcWord(0, 1)).isEqualTo(0x0000000100000000L);
    assertThat(batch.channelIndex(0)).isEqualTo(7);
    assertThat(batch.lastSeenTimestampUtc(0)).isEqualTo(LlrpFrames.FX9600_LAST_SEEN_UTC);
    assertThat(batch.tagSeenCount(0)).isEqualTo(3);
    assertThat(batch.presenceMask(0)).isEqualTo(TagField.CHANNEL_INDEX.bit()
        | TagField.LAST_SEEN_TIMESTAMP_UTC.bit() | TagField.TAG_SEEN_COUNT.bit());
    assertThat(batch.has(0, TagField.ANTENNA_ID)).isFalse();
    frame.release();
  }

  @Test
  void decode_epcData128_readsBitLengthAndSignedRssi() {
    assertThat(decoder.decode(LlrpFrames.frame(LlrpFrames.EPC_DATA_128), batch)).isEqualTo(2);

    assertThat(batch.epcBitLength(0)).isEqualTo(128);
    assertThat(batch.epcHex(0)).isEqualTo("E280116060000209A51F3C5D0000002A");
    assertThat(batch.antennaId(0)).isEqualTo(2);
    assertThat(batch.peakRssi(0)).isEqualTo(-60);
    assertThat(batch.firstSeenTimestampUptime(0)).isEqualTo(1_000_000L);
    assertThat(batch.epcHex(1)).isEqualTo("301400000000000000000063");
    assertThat(batch.antennaId(1)).isEqualTo(1);
    assertThat(batch.has(1, TagField.PEAK_RSSI)).isFalse();
  }

  @Test
  void decode_customInsideAndBetweenTagReportData_skipsThem() {
    assertThat(decoder.decode(LlrpFrames.frame(LlrpFrames.WITH_CUSTOM), batch)).isEqualTo(2);

    assertThat(batch.epcHex(0)).isEqualTo("300833B2DDD9014000000005");
    assertThat(batch.firstSeenTimestampUptime(0)).isEqualTo(16);
    assertThat(batch.presenceMask(0)).isEqualTo(TagField.FIRST_SEEN_TIMESTAMP_UPTIME.bit());
    assertThat(batch.epcHex(1)).isEqualTo("300833B2DDD9014000000006");
    assertThat(batch.antennaId(1)).isEqualTo(4);
    assertThat(batch.tagSeenCount(1)).isEqualTo(1);
    assertThat(batch.peakRssi(1)).isEqualTo(-48);
  }

  @Test
  void decode_encoderOutput_roundTrips() {
    TagReportBatch source = new TagReportBatch();
    int a = source.addEpc96(0x300833B2DDD90140L, 1);
    source.set(a, TagField.ANTENNA_ID, 3).set(a, TagField.PEAK_RSSI, -71).set(a, TagField.ACCESS_SPEC_ID, 0xFFFF_FFFFL);
    int b = source.addTag(new byte[] {(byte) 0xE2, 0x00, 0x12, 0x34}, 0, 30);
    source.set(b, TagField.LAST_SEEN_TIMESTAMP_UTC, Long.MIN_VALUE + 5);
    ByteBuf out = Unpooled.buffer();

    int written = new RoAccessReportEncoder(ReportContent.all()).encode(source, 2, 99, out);

    assertThat(written).isEqualTo(out.readableBytes());
    assertThat(decoder.decode(out, 0, written, batch)).isEqualTo(2);
    assertThat(batch.epcWord(0, 0)).isEqualTo(0x300833B2DDD90140L);
    assertThat(batch.antennaId(0)).isEqualTo(3);
    assertThat(batch.peakRssi(0)).isEqualTo(-71);
    assertThat(batch.accessSpecId(0)).isEqualTo(0xFFFF_FFFFL);
    assertThat(batch.epcBitLength(1)).isEqualTo(30);
    assertThat(batch.epcHex(1)).isEqualTo("E2001234");
    assertThat(batch.lastSeenTimestampUtc(1)).isEqualTo(Long.MIN_VALUE + 5);
  }

  @Test
  void decode_tagDifferingFromTheLearnedLayout_isWalkedInFull() {
    // Every tag is 25 bytes; tag 2 has ChannelIndex where the others have AntennaID, so two type
    // bytes differ from the layout learned on tag 0 (EPC-96, AntennaID, PeakRSSI, TagSeenCount).
    TagReportBatch source = new TagReportBatch();
    for (int t = 0; t < 5; t++) {
      int i = source.addEpc96(0x300833B2DDD90140L, t);
      source.set(i, t == 2 ? TagField.CHANNEL_INDEX : TagField.ANTENNA_ID, 10 + t)
          .set(i, TagField.PEAK_RSSI, -40 - t).set(i, TagField.TAG_SEEN_COUNT, t);
    }
    ByteBuf out = Unpooled.buffer();
    new RoAccessReportEncoder(ReportContent.all()).encode(source, 2, 1, out);

    assertThat(decoder.decode(out, 0, out.readableBytes(), batch)).isEqualTo(5);

    LtkReports.assertSameTags(batch, source);
    assertThat(batch.has(2, TagField.ANTENNA_ID)).isFalse();
    assertThat(batch.channelIndex(2)).isEqualTo(12);
    assertThat(batch.peakRssi(3)).isEqualTo(-43);
  }

  @Test
  void decode_malformedTagAfterLearnedOnes_failsAtItsOffset() {
    TagReportBatch source = new TagReportBatch();
    for (int t = 0; t < 5; t++) {
      source.set(source.addEpc96(t, t), TagField.ANTENNA_ID, 1).set(t, TagField.TAG_SEEN_COUNT, t);
    }
    ByteBuf out = Unpooled.buffer();
    new RoAccessReportEncoder(ReportContent.all()).encode(source, 2, 1, out);
    byte[] message = io.netty.buffer.ByteBufUtil.getBytes(out);
    int antennaOfTag3 = LlrpFrame.HEADER_LENGTH + 3 * 23 + 4 + 13; // 23-byte tags, after TLV header and EPC-96
    message[antennaOfTag3] = (byte) 0xE0;

    assertFails(message, "unknown TV parameter type 96", antennaOfTag3);
  }

  @Test
  void decode_lastTagOfUniformReport_readLikeTheOthers() {
    TagReportBatch source = uniformTags(6, TagField.TAG_SEEN_COUNT, TagField.PEAK_RSSI, TagField.LAST_SEEN_TIMESTAMP_UTC);
    byte[] message = encode(source, ReportContent.all());

    for (int round = 0; round < 2; round++) { // the second decode starts from the learned layout
      assertThat(decoder.decode(Unpooled.wrappedBuffer(message), 0, message.length, batch)).isEqualTo(6);
      LtkReports.assertSameTags(batch, source);
    }
    assertThat(batch.lastSeenTimestampUtc(5)).isEqualTo(Long.MIN_VALUE + 5);
    assertThat(batch.peakRssi(5)).isEqualTo(-128);
  }

  @Test
  void decode_truncatedLastTagAfterLearnedOnes_failsAtItsLengthField() {
    byte[] whole = encode(uniformTags(4, TagField.ANTENNA_ID, TagField.TAG_SEEN_COUNT), ReportContent.all());
    byte[] message = java.util.Arrays.copyOf(whole, whole.length - 1);
    Unpooled.wrappedBuffer(message).setInt(2, message.length);
    int lastTag = LlrpFrame.HEADER_LENGTH + 3 * 23; // 23-byte tags

    assertFails(message, "TLV parameter type 240 has length 23 but only 22 bytes are left in RO_ACCESS_REPORT", lastTag + 2);
    decoder.decode(Unpooled.wrappedBuffer(whole), 0, whole.length, batch); // learns the layout first
    assertFails(message, "TLV parameter type 240 has length 23 but only 22 bytes are left in RO_ACCESS_REPORT", lastTag + 2);
  }

  @Test
  void decode_layoutChangingMidReportAndBack_readsEveryTag() {
    TagReportBatch source = new TagReportBatch();
    for (int t = 0; t < 9; t++) {
      int i = source.addEpc96(0x300833B2DDD90140L, t);
      source.set(i, TagField.ANTENNA_ID, t).set(i, TagField.PEAK_RSSI, -20 - t);
      if (t >= 3 && t < 6) { // a longer layout in the middle, then the first one again
        source.set(i, TagField.FIRST_SEEN_TIMESTAMP_UPTIME, 1000L * t).set(i, TagField.C1G2_PC, 0x3000 + t);
      }
    }
    byte[] message = encode(source, ReportContent.all());

    for (int round = 0; round < 2; round++) {
      assertThat(decoder.decode(Unpooled.wrappedBuffer(message), 0, message.length, batch)).isEqualTo(9);
      LtkReports.assertSameTags(batch, source);
    }
    assertThat(batch.has(6, TagField.C1G2_PC)).isFalse();
    assertThat(batch.firstSeenTimestampUptime(5)).isEqualTo(5000L);
  }

  @Test
  void decode_epcDataOfOddBitLengths_keepsBitsAndPaddingOfEachTag() {
    TagReportBatch source = new TagReportBatch();
    for (int t = 0; t < 8; t++) {
      // 30-bit EPCs, then one of 31 bits with the same byte length, then 30 again, then 0 and 130
      int bits = t == 3 ? 31 : t == 6 ? 0 : t == 7 ? 130 : 30;
      byte[] epc = new byte[(bits + 7) / 8];
      for (int k = 0; k < epc.length; k++) {
        epc[k] = (byte) (0xA5 ^ (t * 16 + k));
      }
      int i = source.addTag(epc, 0, bits);
      source.set(i, TagField.CHANNEL_INDEX, 40 + t).set(i, TagField.PEAK_RSSI, -t);
    }
    byte[] message = encode(source, ReportContent.all().withEpc96(false));

    for (int round = 0; round < 2; round++) {
      assertThat(decoder.decode(Unpooled.wrappedBuffer(message), 0, message.length, batch)).isEqualTo(8);
      LtkReports.assertSameTags(batch, source);
    }
    assertThat(batch.epcBitLength(3)).isEqualTo(31);
    assertThat(batch.epcBitLength(4)).isEqualTo(30);
  }

  @Test
  void decode_fieldsBeforeTheEpcAndCustomInside_readLikeTheGeneralPath() {
    // PeakRSSI and AntennaID come first, so their 8-byte reads start at the tag's start; a Custom
    // sits between the fields and is skipped by its length.
    String tag = "00 f0 00 25  86 %s  81 00 %s  03 ff 00 0c 00 00 65 1a 00 00 00 38"
        + "  8d 30 08 33 b2 dd d9 01 40 00 00 00 %s  87 00 %s";
    byte[] message = LlrpFrames.bytes("08 3d 00 00 00 79 00 00 00 01 "
        + tag.formatted("c4", "01", "01", "05") + tag.formatted("80", "02", "02", "06")
        + tag.formatted("7f", "ff", "03", "07"));

    for (int round = 0; round < 2; round++) {
      assertThat(decoder.decode(Unpooled.wrappedBuffer(message), 0, message.length, batch)).isEqualTo(3);
      assertThat(batch.peakRssi(0)).isEqualTo(-60);
      assertThat(batch.peakRssi(1)).isEqualTo(-128);
      assertThat(batch.peakRssi(2)).isEqualTo(127);
      assertThat(batch.antennaId(2)).isEqualTo(255);
      assertThat(batch.channelIndex(1)).isEqualTo(6);
      assertThat(batch.epcHex(2)).isEqualTo("300833B2DDD9014000000003");
      assertThat(batch.presenceMask(1)).isEqualTo(
          TagField.PEAK_RSSI.bit() | TagField.ANTENNA_ID.bit() | TagField.CHANNEL_INDEX.bit());
    }
  }

  @Test
  void decode_customOfOtherLengthInsideALearnedLayout_isWalkedInFull() {
    String tag = "00 f0 00 %s  8d 30 08 33 b2 dd d9 01 40 00 00 00 %s  03 ff 00 %s 00 00 65 1a 00 00 00 38 %s  81 00 %s";
    byte[] message = LlrpFrames.bytes("08 3d 00 00 00 6c 00 00 00 01 "
        + tag.formatted("20", "01", "0c", "", "01") + tag.formatted("20", "02", "0c", "", "02")
        + tag.formatted("22", "03", "0e", "be ef", "03"));

    assertThat(decoder.decode(Unpooled.wrappedBuffer(message), 0, message.length, batch)).isEqualTo(3);
    assertThat(batch.antennaId(2)).isEqualTo(3);
    assertThat(batch.epcHex(2)).isEqualTo("300833B2DDD9014000000003");
  }

  /** {@code n} tags with EPC-96 and the same fields, at the ends of their ranges on the last tag. */
  private static TagReportBatch uniformTags(int n, TagField... fields) {
    TagReportBatch source = new TagReportBatch();
    for (int t = 0; t < n; t++) {
      int i = source.addEpc96(0x300833B2DDD90140L + t, t);
      for (TagField field : fields) {
        source.set(i, field, t == n - 1 ? field.minValue() + (field.valueLength() == 8 ? 5 : 0) : t + 1);
      }
    }
    return source;
  }

  private static byte[] encode(TagReportBatch source, ReportContent content) {
    ByteBuf out = Unpooled.buffer();
    new RoAccessReportEncoder(content).encode(source, 2, 1, out);
    return io.netty.buffer.ByteBufUtil.getBytes(out);
  }

  @Test
  void decode_unknownTvType_failsWithOffset() {
    byte[] message = LlrpFrames.bytes(LlrpFrames.FX9600_ONE_TAG);
    message[27] = (byte) 0xE0; // TV type 96 where ChannelIndex (0x87) was, at byte 27

    assertThatThrownBy(() -> decoder.decode(LlrpFrames.frame(message), batch))
        .isInstanceOfSatisfying(LlrpDecodeException.class, e -> {
          assertThat(e.reason()).contains("unknown TV parameter type 96").contains("no length");
          assertThat(e.offset()).isEqualTo(27);
        });
    assertThat(batch.size()).isZero();
  }

  @Test
  void decode_tagReportDataLongerThanMessage_failsAtItsLengthField() {
    byte[] message = LlrpFrames.bytes(LlrpFrames.FX9600_ONE_TAG);
    message[13] = 0x30; // TagReportData length 48 in a 42-byte message

    assertFails(message, "TLV parameter type 240 has length 48 but only 32 bytes are left in RO_ACCESS_REPORT", 12);
  }

  @Test
  void decode_truncatedTvParameter_failsAtItsType() {
    byte[] message = java.util.Arrays.copyOf(LlrpFrames.bytes(LlrpFrames.FX9600_ONE_TAG), 41);
    message[5] = 41; // message and TagReportData both lose the last byte of TagSeenCount
    message[13] = 31;

    assertFails(message, "TV parameter type 8 needs 2 value bytes but only 1 are left in TagReportData", 39);
  }

  @Test
  void decode_headerLengthDisagreesWithFrame_failsAtLengthField() {
    byte[] message = LlrpFrames.bytes(LlrpFrames.FX9600_ONE_TAG);
    message[5] = 43;

    assertFails(message, "header message length 43 does not match the 42 bytes", 2);
  }

  @Test
  void decode_otherMessageType_failsAtHeader() {
    byte[] message = LlrpFrames.bytes(LlrpFrames.FX9600_ONE_TAG);
    message[1] = 0x3e; // KEEPALIVE

    assertFails(message, "message type 62 is not RO_ACCESS_REPORT (61)", 0);
  }

  @Test
  void decode_messageShorterThanHeader_fails() {
    assertFails(java.util.Arrays.copyOf(LlrpFrames.bytes(LlrpFrames.FX9600_ONE_TAG), 5), "shorter than the 10-byte header", 0);
  }

  @Test
  void decode_tlvLengthBelowItsHeader_failsAtLengthField() {
    byte[] message = LlrpFrames.bytes(LlrpFrames.WITH_CUSTOM);
    message[42] = 2; // the Custom inside the first TagReportData, header at byte 39

    assertFails(message, "TLV parameter type 1023 has length 2, shorter than its 4-byte header", 41);
  }

  @Test
  void decode_customOverrunningItsTagReportData_failsAtLengthField() {
    byte[] message = LlrpFrames.bytes(LlrpFrames.WITH_CUSTOM);
    message[42] = 16; // 12 bytes are left in the TagReportData

    assertFails(message, "TLV parameter type 1023 has length 16 but only 12 bytes are left in TagReportData", 41);
  }

  @Test
  void decode_epcBitsOverrunningEpcData_failsAtBitLength() {
    byte[] message = LlrpFrames.bytes(LlrpFrames.EPC_DATA_128);
    message[19] = (byte) 0x88; // 136 bits in a 16-byte EPCData

    assertFails(message, "EPCData says 136 EPC bits (17 bytes) but holds only 16 bytes", 18);
  }

  @Test
  void decode_tagReportDataWithoutEpc_fails() {
    assertFails(LlrpFrames.bytes("08 3d 00 00 00 11 00 00 00 01  00 f0 00 07  81 00 01"),
        "TagReportData has no EPCData or EPC-96 parameter", 10);
  }

  @Test
  void decode_tagReportDataWithTwoEpcs_failsAtTheSecond() {
    assertFails(LlrpFrames.bytes("""
        08 3d 00 00 00 2e 00 00 00 01
        00 f0 00 24
          8d 30 08 33 b2 dd d9 01 40 00 00 00 01
          8d 30 08 33 b2 dd d9 01 40 00 00 00 02
          81 00 01
          88 00 01
        """), "TagReportData has a second EPC parameter", 27);
  }

  @Test
  void decode_tvParameterAtTopLevel_fails() {
    assertFails(LlrpFrames.bytes("08 3d 00 00 00 0d 00 00 00 01  81 00 01"),
        "TV parameter type 1 is not allowed at the top level of RO_ACCESS_REPORT", 10);
  }

  @Test
  void decode_truncatedTlvHeaderAfterLastTag_fails() {
    byte[] message = java.util.Arrays.copyOf(LlrpFrames.bytes(LlrpFrames.FX9600_ONE_TAG), 44);
    message[5] = 44; // two stray bytes after the TagReportData

    assertFails(message, "truncated TLV parameter header: 2 bytes left in RO_ACCESS_REPORT", 42);
  }

  @Test
  void decode_reportWithNoTags_yieldsEmptyBatch() {
    batch.addEpc96(1, 2);

    assertThat(decoder.decode(LlrpFrames.buf("08 3d 00 00 00 0a 00 00 00 01"), 0, 10, batch)).isZero();
    assertThat(batch.isEmpty()).isTrue();
  }

  @Test
  void decode_sliceAtNonZeroIndex_usesOffsetsFromMessageStart() {
    byte[] message = LlrpFrames.bytes(LlrpFrames.FX9600_ONE_TAG);
    message[27] = (byte) 0xE0;
    io.netty.buffer.ByteBuf padded = Unpooled.buffer().writeZero(7).writeBytes(message).writeZero(3);

    assertThatThrownBy(() -> decoder.decode(padded, 7, message.length, batch))
        .isInstanceOfSatisfying(LlrpDecodeException.class, e -> assertThat(e.offset()).isEqualTo(27));
    assertThat(padded.readerIndex()).isZero();
  }

  @Test
  void decode_directAndCompositeBuffers_decodeLikeHeap() {
    byte[] message = LlrpFrames.bytes(LlrpFrames.WITH_CUSTOM);
    io.netty.buffer.ByteBuf direct = io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer().writeZero(3).writeBytes(message);
    io.netty.buffer.CompositeByteBuf composite = Unpooled.compositeBuffer()
        .addComponent(true, Unpooled.wrappedBuffer(message, 0, 20))
        .addComponent(true, Unpooled.wrappedBuffer(message, 20, message.length - 20));
    try {
      assertThat(decoder.decode(direct, 3, message.length, batch)).isEqualTo(2);
      assertThat(batch.epcHex(1)).isEqualTo("300833B2DDD9014000000006");
      assertThat(batch.peakRssi(1)).isEqualTo(-48);
      assertThat(decoder.decode(composite, 0, message.length, batch)).isEqualTo(2);
      assertThat(batch.epcHex(0)).isEqualTo("300833B2DDD9014000000005");
      assertThat(batch.antennaId(1)).isEqualTo(4);
      assertThat(direct.readerIndex()).isZero();
    } finally {
      direct.release();
      composite.release();
    }
  }

  private void assertFails(byte[] message, String reason, int offset) {
    batch.addEpc96(1, 2); // a stale tag that a failed decode must not leave behind
    assertThatThrownBy(() -> decoder.decode(Unpooled.wrappedBuffer(message), 0, message.length, batch))
        .isInstanceOfSatisfying(LlrpDecodeException.class, e -> {
          assertThat(e.reason()).contains(reason);
          assertThat(e.offset()).isEqualTo(offset);
          assertThat(e.getStackTrace()).isEmpty();
        });
    assertThat(batch.size()).isZero();
  }
}
