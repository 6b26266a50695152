package io.tagflow.protocol.llrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.llrp.ltk.generated.enumerations.StatusCode;
import org.llrp.ltk.generated.messages.ADD_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.GET_READER_CAPABILITIES;
import org.llrp.ltk.generated.messages.KEEPALIVE;
import org.llrp.ltk.generated.messages.KEEPALIVE_ACK;
import org.llrp.ltk.types.LLRPMessage;

class LtkTest {

  private static LlrpFrame frame(ByteBuf bytes) {
    int first = bytes.getUnsignedShort(0);
    return new LlrpFrame((first >>> 10) & 7, first & 0x3FF, bytes.getUnsignedInt(6), bytes);
  }

  @Test
  void encode_llrp11_rewritesVersionBitsAndKeepsTypeAndId() {
    ByteBuf out = Unpooled.buffer();
    Ltk.encode(new KEEPALIVE_ACK(), 7, Ltk.LLRP_1_1, out);
    // 000 010 0001001000 = 0x0848: version 2, type 72; length 10; message id 7
    assertThat(io.netty.buffer.ByteBufUtil.hexDump(out)).isEqualTo("0848" + "0000000a" + "00000007");
  }

  @Test
  void decode_llrp11Frame_parsesWithLtk() {
    ByteBuf out = Unpooled.buffer();
    Ltk.encode(new KEEPALIVE(), 4_000_000_000L, Ltk.LLRP_1_1, out);
    LlrpFrame frame = frame(out);
    LLRPMessage message = Ltk.decode(frame);
    assertThat(message).isInstanceOf(KEEPALIVE.class);
    assertThat(message.getMessageID().toLong()).isEqualTo(4_000_000_000L);
    assertThat(frame.version()).isEqualTo(2);
    frame.release();
  }

  @Test
  void decode_missingRequiredParameter_throwsDecodeExceptionNamingTheType() {
    // ADD_ROSPEC_RESPONSE (type 30) with an empty body: its LLRPStatus is missing.
    LlrpFrame frame = frame(Unpooled.wrappedBuffer(new byte[] {0x08, 0x1e, 0, 0, 0, 10, 0, 0, 0, 5}));
    assertThatThrownBy(() -> Ltk.decode(frame))
        .isInstanceOf(LlrpDecodeException.class)
        .hasMessageContaining("malformed ADD_ROSPEC_RESPONSE")
        .hasMessageContaining("LLRPStatus")
        .satisfies(e -> assertThat(((LlrpDecodeException) e).offset()).isEqualTo(LlrpFrame.HEADER_LENGTH));
    frame.release();
  }

  @Test
  void decode_enumerationOutOfRange_throwsDecodeException() {
    // GET_READER_CAPABILITIES (type 1) with RequestedData 9; LLRP 1.1 §17.1.1 defines 0..4.
    LlrpFrame frame = frame(Unpooled.wrappedBuffer(new byte[] {0x08, 0x01, 0, 0, 0, 11, 0, 0, 0, 5, 9}));
    assertThatThrownBy(() -> Ltk.decode(frame)).isInstanceOf(LlrpDecodeException.class).hasMessageContaining("GET_READER_CAPABILITIES");
    frame.release();
  }

  @Test
  void decode_unknownType_throwsDecodeExceptionWithTheCode() {
    LlrpFrame frame = frame(Unpooled.wrappedBuffer(new byte[] {0x08, 0x63, 0, 0, 0, 10, 0, 0, 0, 5}));
    assertThatThrownBy(() -> Ltk.decode(frame)).isInstanceOf(LlrpDecodeException.class).hasMessage("unknown message type 99");
    frame.release();
  }

  @Test
  void decode_expectedClassMismatch_throws() {
    ByteBuf out = Unpooled.buffer();
    Ltk.encode(new KEEPALIVE(), 1, Ltk.LLRP_1_0_1, out);
    LlrpFrame frame = frame(out);
    assertThatThrownBy(() -> Ltk.decode(frame, KEEPALIVE_ACK.class)).hasMessageContaining("expected KEEPALIVE_ACK but got KEEPALIVE");
    frame.release();
  }

  @Test
  void encode_invalidMessage_throwsIllegalArgument() {
    assertThatThrownBy(() -> Ltk.encode(new GET_READER_CAPABILITIES(), 1, Ltk.LLRP_1_1, Unpooled.buffer()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestedData");
  }

  @Test
  void statusOf_response_describesWithSpecName() {
    ADD_ROSPEC_RESPONSE response = new ADD_ROSPEC_RESPONSE();
    response.setLLRPStatus(Ltk.status(LlrpStatusCode.A_INVALID, "ROSpec 7 already exists"));
    assertThat(Ltk.describe(Ltk.statusOf(response))).isEqualTo("A_Invalid: ROSpec 7 already exists");
    assertThat(Ltk.statusOf(new KEEPALIVE())).isNull();
  }

  @Test
  void statusCodes_matchLtkValues() {
    for (LlrpStatusCode code : LlrpStatusCode.values()) {
      if (code == LlrpStatusCode.M_UNEXPECTED_MESSAGE) {
        continue; // LLRP 1.1 only; LTK speaks 1.0.1
      }
      assertThat(new StatusCode(code.code()).toString()).as(code.specName()).isEqualTo(code.specName());
      assertThat(LlrpStatusCode.fromCode(code.code())).isSameAs(code);
    }
    assertThat(LlrpStatusCode.fromCode(401)).isEqualTo(LlrpStatusCode.R_DEVICE_ERROR);
    assertThat(LlrpStatusCode.nameOf(999)).isEqualTo("Unknown(999)");
  }

  @Test
  void encoder_channelVersion_isWrittenAndByteBufsPassThrough() {
    io.netty.channel.embedded.EmbeddedChannel channel = new io.netty.channel.embedded.EmbeddedChannel(new LtkMessageEncoder());
    LtkMessageEncoder.useVersion(channel, Ltk.LLRP_1_0_1);
    KEEPALIVE_ACK ack = new KEEPALIVE_ACK();
    ack.setMessageID(new org.llrp.ltk.types.UnsignedInteger(3));
    channel.writeOutbound(ack, Unpooled.wrappedBuffer(new byte[] {1, 2}));
    ByteBuf encoded = channel.readOutbound();
    assertThat(io.netty.buffer.ByteBufUtil.hexDump(encoded)).isEqualTo("0448" + "0000000a" + "00000003");
    ByteBuf passed = channel.readOutbound();
    assertThat(io.netty.buffer.ByteBufUtil.hexDump(passed)).isEqualTo("0102");
    encoded.release();
    passed.release();
    channel.finish();
  }
}
