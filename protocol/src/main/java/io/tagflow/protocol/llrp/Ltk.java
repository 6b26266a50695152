package io.tagflow.protocol.llrp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Map;
import java.util.function.Function;
import org.llrp.ltk.exceptions.InvalidLLRPMessageException;
import org.llrp.ltk.generated.LLRPMessageFactory;
import org.llrp.ltk.generated.enumerations.StatusCode;
import org.llrp.ltk.generated.messages.ADD_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.CLOSE_CONNECTION_RESPONSE;
import org.llrp.ltk.generated.messages.DELETE_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.DISABLE_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.ENABLE_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.ERROR_MESSAGE;
import org.llrp.ltk.generated.messages.GET_READER_CAPABILITIES_RESPONSE;
import org.llrp.ltk.generated.messages.GET_READER_CONFIG_RESPONSE;
import org.llrp.ltk.generated.messages.GET_ROSPECS_RESPONSE;
import org.llrp.ltk.generated.messages.SET_READER_CONFIG_RESPONSE;
import org.llrp.ltk.generated.messages.START_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.STOP_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.parameters.LLRPStatus;
import org.llrp.ltk.types.LLRPMessage;
import org.llrp.ltk.types.UTF8String_UTF_8;
import org.llrp.ltk.types.UnsignedInteger;

/**
 * The bridge between tagflow's framing and the LLRP Toolkit (LTK), which encodes and parses every
 * LLRP message except RO_ACCESS_REPORT (that one has its own allocation-free codec).
 *
 * <p><b>Versions.</b> LTK 1.0.0.7 implements LLRP 1.0.1 and always writes version 1 in the header.
 * The messages tagflow exchanges have the same layout in 1.0.1 and 1.1 (LLRP 1.1 §4.1 keeps the
 * header, and new 1.1 parameters are only ever optional), so {@link #encode} rewrites the version bits
 * to the version the peer speaks, and {@link #decode} accepts both 1 and 2 because LTK does not
 * check the version field. A session should answer in the version the reader used first.
 *
 * <p><b>Failures.</b> {@link #decode} turns every LTK failure (its checked exception, and the
 * runtime exceptions it throws for out-of-range enumerations or truncated fields) into one {@link
 * LlrpDecodeException}. LTK does not report where it stopped, so the offset is that of the message
 * body. {@link #encode} failing means tagflow built an invalid message, a bug, so it throws {@link
 * IllegalArgumentException}.
 */
public final class Ltk {
  /** Header version of LLRP 1.0.1. */
  public static final int LLRP_1_0_1 = 1;
  /** Header version of LLRP 1.1. */
  public static final int LLRP_1_1 = 2;

  private static final Map<Class<? extends LLRPMessage>, Function<LLRPMessage, LLRPStatus>> STATUS = Map.ofEntries(
      Map.entry(GET_READER_CAPABILITIES_RESPONSE.class, m -> ((GET_READER_CAPABILITIES_RESPONSE) m).getLLRPStatus()),
      Map.entry(GET_READER_CONFIG_RESPONSE.class, m -> ((GET_READER_CONFIG_RESPONSE) m).getLLRPStatus()),
      Map.entry(SET_READER_CONFIG_RESPONSE.class, m -> ((SET_READER_CONFIG_RESPONSE) m).getLLRPStatus()),
      Map.entry(CLOSE_CONNECTION_RESPONSE.class, m -> ((CLOSE_CONNECTION_RESPONSE) m).getLLRPStatus()),
      Map.entry(ADD_ROSPEC_RESPONSE.class, m -> ((ADD_ROSPEC_RESPONSE) m).getLLRPStatus()),
      Map.entry(DELETE_ROSPEC_RESPONSE.class, m -> ((DELETE_ROSPEC_RESPONSE) m).getLLRPStatus()),
      Map.entry(START_ROSPEC_RESPONSE.class, m -> ((START_ROSPEC_RESPONSE) m).getLLRPStatus()),
      Map.entry(STOP_ROSPEC_RESPONSE.class, m -> ((STOP_ROSPEC_RESPONSE) m).getLLRPStatus()),
      Map.entry(ENABLE_ROSPEC_RESPONSE.class, m -> ((ENABLE_ROSPEC_RESPONSE) m).getLLRPStatus()),
      Map.entry(DISABLE_ROSPEC_RESPONSE.class, m -> ((DISABLE_ROSPEC_RESPONSE) m).getLLRPStatus()),
      Map.entry(GET_ROSPECS_RESPONSE.class, m -> ((GET_ROSPECS_RESPONSE) m).getLLRPStatus()),
      Map.entry(ERROR_MESSAGE.class, m -> ((ERROR_MESSAGE) m).getLLRPStatus()));

  private Ltk() {
  }

  /**
   * Encodes {@code message} with the given message id and header version and appends it to {@code out}.
   *
   * @throws IllegalArgumentException when LTK refuses the message (a required field is missing)
   */
  public static void encode(LLRPMessage message, long messageId, int version, ByteBuf out) {
    if (version != LLRP_1_0_1 && version != LLRP_1_1) {
      throw new IllegalArgumentException("version must be 1 (LLRP 1.0.1) or 2 (LLRP 1.1), was " + version);
    }
    message.setMessageID(new UnsignedInteger(messageId));
    byte[] bytes;
    try {
      bytes = message.encodeBinary();
    } catch (InvalidLLRPMessageException | RuntimeException e) {
      throw new IllegalArgumentException("LTK cannot encode " + message.getName() + ": " + clean(e), e);
    }
    // Header bits: 3 reserved, 3 version, 10 type. LTK always writes version 1 (see class comment).
    bytes[0] = (byte) ((bytes[0] & 0xE3) | (version << 2));
    out.writeBytes(bytes);
  }

  /**
   * Parses a whole frame with LTK.
   *
   * @throws LlrpDecodeException when the type is not one LTK knows or its body is malformed
   */
  public static LLRPMessage decode(LlrpFrame frame) {
    LlrpMessageType type = LlrpMessageType.fromCode(frame.type());
    if (type == null) {
      throw new LlrpDecodeException("unknown message type " + frame.type(), 0);
    }
    if (type == LlrpMessageType.GET_SUPPORTED_VERSION || type == LlrpMessageType.SET_PROTOCOL_VERSION
        || type == LlrpMessageType.GET_SUPPORTED_VERSION_RESPONSE || type == LlrpMessageType.SET_PROTOCOL_VERSION_RESPONSE) {
      throw new LlrpDecodeException("message type " + type + " (LLRP 1.1 version negotiation) is not supported", 0);
    }
    byte[] bytes = ByteBufUtil.getBytes(frame.content());
    try {
      return LLRPMessageFactory.createLLRPMessage(bytes);
    } catch (InvalidLLRPMessageException | RuntimeException e) {
      throw new LlrpDecodeException("malformed " + type + ": " + clean(e), LlrpFrame.HEADER_LENGTH);
    }
  }

  /**
   * Parses a frame that must be of the given LTK message class.
   *
   * @throws LlrpDecodeException when it is malformed or of another type
   */
  public static <T extends LLRPMessage> T decode(LlrpFrame frame, Class<T> expected) {
    LLRPMessage message = decode(frame);
    if (!expected.isInstance(message)) {
      throw new LlrpDecodeException("expected " + expected.getSimpleName() + " but got " + message.getName(), 0);
    }
    return expected.cast(message);
  }

  /** The LLRPStatus carried by a response or ERROR_MESSAGE, or {@code null} for other messages. */
  public static LLRPStatus statusOf(LLRPMessage message) {
    Function<LLRPMessage, LLRPStatus> getter = STATUS.get(message.getClass());
    return getter == null ? null : getter.apply(message);
  }

  /** The wire value of an LTK status; a missing status counts as {@link LlrpStatusCode#R_DEVICE_ERROR}. */
  public static int code(LLRPStatus status) {
    return status == null || status.getStatusCode() == null ? LlrpStatusCode.R_DEVICE_ERROR.code() : status.getStatusCode().intValue();
  }

  /** "M_ParameterError: description" for logs; the spec's name and the reader's own words. */
  public static String describe(LLRPStatus status) {
    if (status == null) {
      return "no LLRPStatus";
    }
    String name = LlrpStatusCode.nameOf(code(status));
    UTF8String_UTF_8 description = status.getErrorDescription();
    String text = description == null ? "" : description.toString();
    return text.isBlank() ? name : name + ": " + text;
  }

  /** An LTK LLRPStatus with the given code and description. */
  public static LLRPStatus status(LlrpStatusCode code, String description) {
    LLRPStatus status = new LLRPStatus();
    status.setStatusCode(new StatusCode(code.code()));
    status.setErrorDescription(new UTF8String_UTF_8(description == null ? "" : description));
    return status;
  }

  private static String clean(Exception e) {
    String text = e.getMessage();
    if (text == null || text.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return text.strip().replaceAll("\\s+", " ");
  }
}
