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
}
