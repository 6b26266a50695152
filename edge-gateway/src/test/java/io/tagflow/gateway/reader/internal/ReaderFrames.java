package io.tagflow.gateway.reader.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tagflow.protocol.llrp.Ltk;
import io.tagflow.protocol.llrp.LlrpStatusCode;
import org.llrp.ltk.exceptions.InvalidLLRPMessageException;
import org.llrp.ltk.generated.LLRPMessageFactory;
import org.llrp.ltk.generated.enumerations.AntennaEventType;
import org.llrp.ltk.generated.enumerations.ConnectionAttemptStatusType;
import org.llrp.ltk.generated.messages.READER_EVENT_NOTIFICATION;
import org.llrp.ltk.generated.parameters.AntennaEvent;
import org.llrp.ltk.generated.parameters.ConnectionAttemptEvent;
import org.llrp.ltk.generated.parameters.Custom;
import org.llrp.ltk.generated.parameters.LLRPStatus;
import org.llrp.ltk.generated.parameters.ReaderEventNotificationData;
import org.llrp.ltk.generated.parameters.UTCTimestamp;
import org.llrp.ltk.types.BytesToEnd_HEX;
import org.llrp.ltk.types.LLRPMessage;
import org.llrp.ltk.types.UnsignedInteger;
import org.llrp.ltk.types.UnsignedLong_DATETIME;
import org.llrp.ltk.types.UnsignedShort;

/** Reader-side messages for the session tests, encoded with LTK as a reader would send them. */
final class ReaderFrames {
  private ReaderFrames() {
  }

  static ByteBuf encode(LLRPMessage message, long messageId, int version) {
    ByteBuf out = Unpooled.buffer();
    Ltk.encode(message, messageId, version, out);
    return out;
  }

  /** Parses an outbound buffer with LTK, failing the test when LTK cannot. */
  static LLRPMessage parse(ByteBuf bytes) {
    try {
      return LLRPMessageFactory.createLLRPMessage(ByteBufUtil.getBytes(bytes));
    } catch (InvalidLLRPMessageException e) {
      throw new AssertionError("LTK cannot parse " + ByteBufUtil.hexDump(bytes) + ": " + e.getMessage(), e);
    }
  }

  static READER_EVENT_NOTIFICATION connectionEvent(int status, boolean withAntennaEventAndCustom) {
    ReaderEventNotificationData data = new ReaderEventNotificationData();
    UTCTimestamp timestamp = new UTCTimestamp();
    timestamp.setMicroseconds(new UnsignedLong_DATETIME(1_767_225_600_000_000L));
    data.setTimestamp(timestamp);
    ConnectionAttemptEvent attempt = new ConnectionAttemptEvent();
    attempt.setStatus(new ConnectionAttemptStatusType(status));
    data.setConnectionAttemptEvent(attempt);
    if (withAntennaEventAndCustom) {
      AntennaEvent antenna = new AntennaEvent();
      antenna.setEventType(new AntennaEventType(AntennaEventType.Antenna_Connected));
      antenna.setAntennaID(new UnsignedShort(2));
      data.setAntennaEvent(antenna);
      Custom custom = new Custom();
      custom.setVendorIdentifier(new UnsignedInteger(25882)); // Impinj's IANA enterprise number
      custom.setParameterSubtype(new UnsignedInteger(21));
      custom.setData(new BytesToEnd_HEX("00010203"));
      data.addToCustomList(custom);
    }
    READER_EVENT_NOTIFICATION message = new READER_EVENT_NOTIFICATION();
    message.setReaderEventNotificationData(data);
    return message;
  }

  static LLRPStatus success() {
    return Ltk.status(LlrpStatusCode.M_SUCCESS, "");
  }
}
