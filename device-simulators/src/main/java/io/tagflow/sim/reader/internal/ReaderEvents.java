package io.tagflow.sim.reader.internal;

import java.time.Instant;
import java.time.InstantSource;
import org.llrp.ltk.generated.enumerations.ConnectionAttemptStatusType;
import org.llrp.ltk.generated.enumerations.ROSpecEventType;
import org.llrp.ltk.generated.messages.READER_EVENT_NOTIFICATION;
import org.llrp.ltk.generated.parameters.ConnectionAttemptEvent;
import org.llrp.ltk.generated.parameters.ROSpecEvent;
import org.llrp.ltk.generated.parameters.ReaderEventNotificationData;
import org.llrp.ltk.generated.parameters.UTCTimestamp;
import org.llrp.ltk.types.UnsignedInteger;
import org.llrp.ltk.types.UnsignedLong_DATETIME;

/** READER_EVENT_NOTIFICATIONs a simulated reader sends (LLRP 1.1 §13.1.6, §13.2.6). */
public final class ReaderEvents {
  private ReaderEvents() {
  }

  /**
   * The ConnectionAttemptEvent a reader sends on every new connection (LLRP 1.1 §9.1.2): Success, or
   * Failed_A_Client_Initiated_Connection_Already_Exists for a second client.
   */
  public static READER_EVENT_NOTIFICATION connectionAttempt(int status, InstantSource clock, long messageId) {
    ConnectionAttemptEvent attempt = new ConnectionAttemptEvent();
    attempt.setStatus(new ConnectionAttemptStatusType(status));
    ReaderEventNotificationData data = data(clock);
    data.setConnectionAttemptEvent(attempt);
    return notification(data, messageId);
  }

  /** Start_Of_ROSpec or End_Of_ROSpec (LLRP 1.1 §13.2.6.4), sent when ROSpec_Event is enabled. */
  public static READER_EVENT_NOTIFICATION roSpecEvent(int type, long roSpecId, InstantSource clock, long messageId) {
    ROSpecEvent event = new ROSpecEvent();
    event.setEventType(new ROSpecEventType(type));
    event.setROSpecID(new UnsignedInteger(roSpecId));
    event.setPreemptingROSpecID(new UnsignedInteger(0));
    ReaderEventNotificationData data = data(clock);
    data.setROSpecEvent(event);
    return notification(data, messageId);
  }

  private static ReaderEventNotificationData data(InstantSource clock) {
    ReaderEventNotificationData data = new ReaderEventNotificationData();
    Instant now = clock.instant();
    UTCTimestamp timestamp = new UTCTimestamp();
    timestamp.setMicroseconds(new UnsignedLong_DATETIME(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000));
    data.setTimestamp(timestamp);
    return data;
  }

  private static READER_EVENT_NOTIFICATION notification(ReaderEventNotificationData data, long messageId) {
    READER_EVENT_NOTIFICATION notification = new READER_EVENT_NOTIFICATION();
    notification.setReaderEventNotificationData(data);
    notification.setMessageID(new UnsignedInteger(messageId));
    return notification;
  }
}
