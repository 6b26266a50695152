package io.tagflow.protocol.llrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlrpFrameDecoderTest {
  private static final byte[] FX9600 = LlrpFrames.bytes(LlrpFrames.FX9600_ONE_TAG);
  private static final byte[] EPC_DATA = LlrpFrames.bytes(LlrpFrames.EPC_DATA_128);

  /** Counts what the decoder allocates for its cumulation buffer. */
  private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false);
  private final List<ByteBuf> written = new ArrayList<>();
  private EmbeddedChannel channel = channel(4096);

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  @Test
  void decode_twoFramesInOneRead_emitsBoth() {
    write(concat(FX9600, EPC_DATA));

    LlrpFrame first = channel.readInbound();
    LlrpFrame second = channel.readInbound();
    assertThat(first.type()).isEqualTo(61);
    assertThat(first.messageId()).isEqualTo(3000);
    assertThat(ByteBufUtil.getBytes(first.content())).isEqualTo(FX9600);
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.messageId()).isEqualTo(7);
    assertThat(ByteBufUtil.getBytes(second.content())).isEqualTo(EPC_DATA);
    assertThat((Object) channel.readInbound()).isNull();
    first.release();
    second.release();
  }

  @Test
  void decode_frameSplitByteByByte_emitsOneWholeFrameAfterTheLastByte() {
    for (int k = 0; k < FX9600.length - 1; k++) {
      write(new byte[] {FX9600[k]});
      assertThat((Object) channel.readInbound()).as("after byte %d", k).isNull();
    }
    write(new byte[] {FX9600[FX9600.length - 1]});

    LlrpFrame frame = channel.readInbound();
    assertThat(ByteBufUtil.getBytes(frame.content())).isEqualTo(FX9600);
    TagReportBatch batch = new TagReportBatch();
    assertThat(new RoAccessReportDecoder().decode(frame, batch)).isEqualTo(1);
    assertThat(batch.epcHex(0)).isEqualTo("300833B2DDD9014000000001");
    frame.release();
  }

  @Test
  void decode_lengthShorterThanHeader_emitsErrorWithStreamOffset() {
    byte[] bad = FX9600.clone();
    bad[5] = 9; // message length 9

    write(concat(FX9600, bad));

    ((LlrpFrame) channel.readInbound()).release();
    LlrpFrameError error = channel.readInbound();
    assertThat(error.reason()).contains("message length 9 is shorter than the 10-byte header");
    assertThat(error.offset()).isEqualTo(FX9600.length);
    assertThat(error.messageId()).isEqualTo(3000);
    assertThat(error.unsupportedVersion()).isFalse();
  }

  @Test
  void decode_lengthAboveMaximum_failsOnTheHeaderAloneWithoutAllocating() {
    write(hex("04 3d ff ff ff f0 00 00 00 01")); // 10 header bytes claiming a 4 GiB message

    LlrpFrameError error = channel.readInbound();
    assertThat(error.reason()).contains("message length 4294967280 exceeds the maximum frame length 4096");
    assertThat(error.offset()).isZero();
    for (int k = 0; k < 256; k++) {
      write(new byte[4096]);
    }
    assertThat((Object) channel.readInbound()).isNull();
    assertThat(allocator.metric().usedHeapMemory()).isLessThan(64 * 1024);
    assertThat(written).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
  }

  @Test
  void decode_lengthAtMaximumArrivingSlowly_holdsAtMostOneFrame() {
    channel.finishAndReleaseAll();
    channel = channel(64 * 1024);
    byte[] header = hex("08 3d 00 01 00 00 00 00 00 05"); // exactly the 65536-byte maximum
    write(header);
    for (int k = 0; k < 63; k++) {
      write(new byte[1024]);
    }

    assertThat((Object) channel.readInbound()).isNull();
    assertThat(allocator.metric().usedHeapMemory()).isLessThanOrEqualTo(2L * 64 * 1024);
    write(new byte[1024 - header.length]);
    LlrpFrame frame = channel.readInbound();
    assertThat(frame.content().readableBytes()).isEqualTo(64 * 1024);
    frame.release();
  }

  @Test
  void decode_unsupportedVersion_emitsVersionError() {
    byte[] bad = FX9600.clone();
    bad[0] = 0x0c; // version 3

    write(bad);

    LlrpFrameError error = channel.readInbound();
    assertThat(error.reason()).contains("unsupported LLRP version 3");
    assertThat(error.version()).isEqualTo(3);
    assertThat(error.type()).isEqualTo(61);
    assertThat(error.unsupportedVersion()).isTrue();
  }

  @Test
  void decode_llrp101Version1_isAccepted() {
    write(FX9600); // version 1 in its header

    LlrpFrame frame = channel.readInbound();
    assertThat(frame.version()).isEqualTo(1);
    frame.release();
  }

  @Test
  void decode_afterAnError_discardsEverythingAndReleasesInput() {
    byte[] bad = FX9600.clone();
    bad[0] = 0x1c; // version 7
    write(bad);
    assertThat((Object) channel.readInbound()).isInstanceOf(LlrpFrameError.class);

    write(FX9600);
    write(concat(EPC_DATA, FX9600));

    assertThat((Object) channel.readInbound()).isNull();
    assertThat(written).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
  }

  @Test
  void decode_framesAreReleasedByTheirTaker_noBufferLeaks() {
    write(concat(FX9600, EPC_DATA, FX9600));
    List<LlrpFrame> frames = new ArrayList<>();
    for (Object o; (o = channel.readInbound()) != null; ) {
      frames.add((LlrpFrame) o);
    }
    assertThat(frames).hasSize(3);

    frames.forEach(LlrpFrame::release);

    assertThat(written).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
  }

  @Test
  void constructor_maximumBelowHeader_isRejected() {
    assertThatThrownBy(() -> new LlrpFrameDecoder(9)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxFrameLength");
  }

  private EmbeddedChannel channel(int maxFrameLength) {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setAllocator(allocator);
    ch.pipeline().addLast(LlrpFrameDecoder.NAME, new LlrpFrameDecoder(maxFrameLength));
    return ch;
  }

  private void write(byte[] bytes) {
    ByteBuf buf = Unpooled.wrappedBuffer(bytes);
    written.add(buf);
    channel.writeInbound(buf);
  }

  private static byte[] hex(String hex) {
    return LlrpFrames.bytes(hex);
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuf all = Unpooled.buffer();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return ByteBufUtil.getBytes(all);
  }
}
