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
