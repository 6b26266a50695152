package io.tagflow.sim.reader.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tagflow.gateway.reader.AntennaSettings;
import io.tagflow.gateway.reader.ReaderSettings;
import io.tagflow.gateway.reader.ReportField;
import io.tagflow.gateway.reader.internal.ReaderMessages;
import io.tagflow.protocol.llrp.Ltk;
import io.tagflow.protocol.llrp.LlrpFrame;
import io.tagflow.protocol.llrp.LlrpFrameDecoder;
import io.tagflow.protocol.llrp.LlrpMessageType;
import io.tagflow.protocol.llrp.LlrpStatusCode;
import io.tagflow.protocol.llrp.LtkMessageEncoder;
import io.tagflow.protocol.llrp.RoAccessReportDecoder;
import io.tagflow.protocol.llrp.TagField;
import io.tagflow.protocol.llrp.TagReportBatch;
import io.tagflow.sim.reader.ScriptedTagSource;
import io.tagflow.sim.reader.SimulatedReaderOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.llrp.ltk.exceptions.InvalidLLRPMessageException;
import org.llrp.ltk.generated.LLRPMessageFactory;
import org.llrp.ltk.generated.enumerations.ConnectionAttemptStatusType;
import org.llrp.ltk.generated.enumerations.ROReportTriggerType;
import org.llrp.ltk.generated.enumerations.ROSpecEventType;
import org.llrp.ltk.generated.enumerations.ROSpecState;
import org.llrp.ltk.generated.enumerations.ROSpecStopTriggerType;
import org.llrp.ltk.types.UnsignedInteger;
import org.llrp.ltk.generated.messages.ADD_ROSPEC;
import org.llrp.ltk.generated.messages.CLOSE_CONNECTION_RESPONSE;
import org.llrp.ltk.generated.messages.ERROR_MESSAGE;
import org.llrp.ltk.generated.messages.GET_READER_CAPABILITIES_RESPONSE;
import org.llrp.ltk.generated.messages.GET_READER_CONFIG;
import org.llrp.ltk.generated.messages.GET_READER_CONFIG_RESPONSE;
import org.llrp.ltk.generated.messages.GET_REPORT;
import org.llrp.ltk.generated.messages.GET_ROSPECS;
import org.llrp.ltk.generated.messages.GET_ROSPECS_RESPONSE;
import org.llrp.ltk.generated.messages.KEEPALIVE;
import org.llrp.ltk.generated.messages.KEEPALIVE_ACK;
import org.llrp.ltk.generated.messages.READER_EVENT_NOTIFICATION;
import org.llrp.ltk.generated.messages.SET_READER_CONFIG_RESPONSE;
import org.llrp.ltk.generated.enumerations.GetReaderConfigRequestedData;
import org.llrp.ltk.types.LLRPMessage;
import org.llrp.ltk.types.UnsignedShort;

class ReaderEndpointHandlerTest {
  private static final String EPC_A = "300833B2DDD9014000000001";
  private static final String EPC_B = "300833B2DDD9014000000002";
  private static final String EPC_C = "E280116060000209A51F3C5D0000002A";

  private final FakeClock clock = new FakeClock();
  private final ScriptedTagSource tags = ScriptedTagSource.builder()
      .tag(EPC_A, 1, -50).tag(EPC_B, 1, -61).tag(EPC_C, 2, -70).build();
  private final SimulatedReaderOptions options = SimulatedReaderOptions.defaults().withAntennaCount(2)
      .withTxPowerTable(List.of(1000, 2000, 3000)).withInventoryRound(Duration.ofMillis(50));
  private EmbeddedChannel channel;
  private ReaderEndpointHandler endpoint;
  private long nextId = 100;

  @BeforeEach
  void connect() {
    endpoint = new ReaderEndpointHandler(options, tags, clock);
    channel = new EmbeddedChannel();
    channel.freezeTime();
    LtkMessageEncoder.useVersion(channel, 2);
    channel.pipeline().addLast(new LlrpFrameDecoder(), new LtkMessageEncoder(), endpoint);
    channel.pipeline().fireChannelActive();
    READER_EVENT_NOTIFICATION hello = (READER_EVENT_NOTIFICATION) next();
    assertThat(hello.getReaderEventNotificationData().getConnectionAttemptEvent().getStatus().intValue())
        .isEqualTo(ConnectionAttemptStatusType.Success);
  }

  @AfterEach
  void close() {
    channel.checkException();
    channel.finishAndReleaseAll();
  }

  private ByteBuf nextBytes() {
    ByteBuf bytes = channel.readOutbound();
    assertThat(bytes).as("a message from the reader").isNotNull();
    return bytes;
  }

  private LLRPMessage next() {
    ByteBuf bytes = nextBytes();
    try {
      assertThat((bytes.getByte(0) >> 2) & 7).as("version").isEqualTo(2);
      return LLRPMessageFactory.createLLRPMessage(ByteBufUtil.getBytes(bytes));
    } catch (InvalidLLRPMessageException e) {
      throw new AssertionError(e);
    } finally {
      bytes.release();
    }
  }

  private LLRPMessage call(LLRPMessage request) {
    long id = nextId++;
    ByteBuf out = Unpooled.buffer();
    Ltk.encode(request, id, 2, out);
    channel.writeInbound(out);
    LLRPMessage response = next();
    assertThat(response.getMessageID().toLong()).isEqualTo(id);
    return response;
  }

  private static String status(LLRPMessage response) {
    return Ltk.describe(Ltk.statusOf(response));
  }

  private void startInventory(ReaderSettings settings) {
    assertThat(status(call(ReaderMessages.addRoSpec(settings)))).isEqualTo("M_Success");
    assertThat(status(call(ReaderMessages.enableRoSpec(1)))).isEqualTo("M_Success");
    assertThat(status(call(ReaderMessages.startRoSpec(1)))).isEqualTo("M_Success");
  }

  private TagReportBatch nextReport() {
    ByteBuf bytes = nextBytes();
    assertThat(bytes.getUnsignedShort(0) & 0x3FF).isEqualTo(LlrpMessageType.RO_ACCESS_REPORT.code());
    TagReportBatch batch = new TagReportBatch();
    LlrpFrame frame = new LlrpFrame(2, 61, bytes.getUnsignedInt(6), bytes);
    new RoAccessReportDecoder().decode(frame, batch);
    frame.release();
    return batch;
  }

  /** Moves the fake clock and the event loop's time together, one inventory round at a time. */
  private void advance(long millis) {
    for (long left = millis; left > 0; ) {
      long step = Math.min(50, left);
      clock.advance(Duration.ofMillis(step));
      channel.advanceTimeBy(step, TimeUnit.MILLISECONDS);
      channel.runScheduledPendingTasks();
      left -= step;
    }
  }

  private static ReaderSettings settings(int everyN, Duration period, ReportField... content) {
    return ReaderSettings.builder("r", "h").antennas(List.of(AntennaSettings.of(1), AntennaSettings.of(2)))
        .reportEveryTags(everyN).reportPeriod(period)
        .content(content.length == 0 ? EnumSet.noneOf(ReportField.class) : EnumSet.of(content[0], content)).build();
  }

  @Test
  void getReaderCapabilities_reportsAntennasAndPowerTable() {
    GET_READER_CAPABILITIES_RESPONSE response = (GET_READER_CAPABILITIES_RESPONSE) call(ReaderMessages.getCapabilities());
    assertThat(status(response)).isEqualTo("M_Success");
    assertThat(response.getGeneralDeviceCapabilities().getMaxNumberOfAntennaSupported().intValue()).isEqualTo(2);
    assertThat(response.getRegulatoryCapabilities().getUHFBandCapabilities().getTransmitPowerLevelTableEntryList())
        .extracting(e -> e.getTransmitPowerValue().intValue()).containsExactly(1000, 2000, 3000);
  }

  @Test
  void setReaderConfig_validAntennas_isStoredAndReturnedByGetReaderConfig() {
    ReaderSettings settings = ReaderSettings.builder("r", "h").antennas(List.of(new AntennaSettings(2, 3, 1))).build();
    assertThat(status(call(ReaderMessages.setReaderConfig(settings)))).isEqualTo("M_Success");
    GET_READER_CONFIG get = new GET_READER_CONFIG();
    get.setRequestedData(new GetReaderConfigRequestedData(GetReaderConfigRequestedData.All));
    get.setAntennaID(new UnsignedShort(0));
    get.setGPIPortNum(new UnsignedShort(0));
    get.setGPOPortNum(new UnsignedShort(0));
    GET_READER_CONFIG_RESPONSE config = (GET_READER_CONFIG_RESPONSE) call(get);
    assertThat(config.getAntennaConfigurationList()).singleElement()
        .satisfies(a -> assertThat(a.getRFTransmitter().getTransmitPower().intValue()).isEqualTo(3));
    assertThat(config.getKeepaliveSpec().getPeriodicTriggerValue().toLong()).isEqualTo(10_000);
  }

  @Test
  void setReaderConfig_powerIndexBeyondTable_isOutOfRange() {
    ReaderSettings settings = ReaderSettings.builder("r", "h").antennas(List.of(new AntennaSettings(1, 4, 0))).build();
    SET_READER_CONFIG_RESPONSE response = (SET_READER_CONFIG_RESPONSE) call(ReaderMessages.setReaderConfig(settings));
    assertThat(status(response)).isEqualTo("A_OutOfRange: TransmitPower index 4 of antenna 1 is outside 1..3");
    assertThat(endpoint.antennaConfigs()).isEmpty();
  }

  @Test
  void setReaderConfig_unknownAntenna_isOutOfRange() {
    ReaderSettings settings = ReaderSettings.builder("r", "h").antennas(List.of(AntennaSettings.of(3))).build();
    assertThat(status(call(ReaderMessages.setReaderConfig(settings)))).startsWith("A_OutOfRange: AntennaID 3 does not exist");
  }

  @Test
  void roSpecLifecycle_errorsCarryTheSpecStatus() {
    ReaderSettings settings = settings(10, Duration.ofSeconds(1));
    assertThat(status(call(ReaderMessages.addRoSpec(settings)))).isEqualTo("M_Success");
    assertThat(status(call(ReaderMessages.addRoSpec(settings)))).isEqualTo("A_Invalid: ROSpec 1 already exists");
    assertThat(status(call(ReaderMessages.startRoSpec(1)))).isEqualTo("A_Invalid: ROSpec 1 is disabled; enable it first");
    assertThat(status(call(ReaderMessages.enableRoSpec(7)))).isEqualTo("A_Invalid: no ROSpec with ROSpecID 7");
    assertThat(status(call(ReaderMessages.enableRoSpec(1)))).isEqualTo("M_Success");
    assertThat(status(call(ReaderMessages.startRoSpec(1)))).isEqualTo("M_Success");
    GET_ROSPECS_RESPONSE specs = (GET_ROSPECS_RESPONSE) call(new GET_ROSPECS());
    assertThat(specs.getROSpecList()).singleElement()
        .satisfies(s -> assertThat(s.getCurrentState().intValue()).isEqualTo(ROSpecState.Active));
    assertThat(status(call(ReaderMessages.stopRoSpec(1)))).isEqualTo("M_Success");
    assertThat(status(call(ReaderMessages.deleteRoSpec(0)))).isEqualTo("M_Success");
    assertThat(((GET_ROSPECS_RESPONSE) call(new GET_ROSPECS())).getROSpecList()).isEmpty();
  }

  @Test
  void addRoSpec_unknownAntenna_isOutOfRange() {
    ReaderSettings settings = ReaderSettings.builder("r", "h").antennas(List.of(AntennaSettings.of(9))).build();
    assertThat(status(call(ReaderMessages.addRoSpec(settings)))).startsWith("A_OutOfRange: AntennaID 9");
  }

  @Test
  void keepalive_sentEveryPeriodAndAcked() {
    ReaderSettings settings = ReaderSettings.builder("r", "h").keepalivePeriod(Duration.ofSeconds(2)).build();
    call(ReaderMessages.setReaderConfig(settings));
    advance(1999);
    assertThat(channel.<Object>readOutbound()).isNull();
    advance(1);
    LLRPMessage keepalive = next();
    assertThat(keepalive).isInstanceOf(KEEPALIVE.class);
    assertThat(endpoint.unackedKeepalives()).isEqualTo(1);
    KEEPALIVE_ACK ack = new KEEPALIVE_ACK();
    ByteBuf out = Unpooled.buffer();
    Ltk.encode(ack, keepalive.getMessageID().toLong(), 2, out);
    channel.writeInbound(out);
    assertThat(endpoint.unackedKeepalives()).isZero();
    advance(2000);
    assertThat(next()).isInstanceOf(KEEPALIVE.class);
  }

  @Test
  void report_everyNTags_sendsNTagsWithOnlyTheSelectedFields() {
    startInventory(settings(2, Duration.ofSeconds(10), ReportField.ANTENNA_ID, ReportField.PEAK_RSSI));
    advance(50); // one round: A and B on antenna 1, C on antenna 2
    TagReportBatch report = nextReport();
    assertThat(report.size()).isEqualTo(2);
    assertThat(report.epcHex(0)).isEqualTo(EPC_A);
    assertThat(report.antennaId(0)).isEqualTo(1);
    assertThat(report.peakRssi(1)).isEqualTo(-61);
    assertThat(report.has(0, TagField.FIRST_SEEN_TIMESTAMP_UTC)).isFalse();
    assertThat(report.has(0, TagField.TAG_SEEN_COUNT)).isFalse();
    assertThat(channel.<Object>readOutbound()).as("C waits for the next report").isNull();
    advance(50); // round 2: C, A, B pending → report C, A; B waits
    TagReportBatch second = nextReport();
    assertThat(second.epcHex(0)).isEqualTo(EPC_C);
    assertThat(second.antennaId(0)).isEqualTo(2);
    assertThat(second.epcHex(1)).isEqualTo(EPC_A);
  }

  @Test
  void report_endOfAiSpec_sendsEverythingSeenDuringIt() {
    startInventory(settings(100, Duration.ofMillis(200), ReportField.FIRST_SEEN_TIMESTAMP, ReportField.ANTENNA_ID));
    advance(150);
    assertThat(channel.<Object>readOutbound()).isNull();
    advance(50);
    TagReportBatch report = nextReport();
    assertThat(report.size()).isEqualTo(12); // 4 rounds of 3 tags
    assertThat(report.firstSeenTimestampUtc(0)).isEqualTo(clock.instant().minusMillis(150).toEpochMilli() * 1000);
    assertThat(report.has(0, TagField.PEAK_RSSI)).isFalse();
  }

  @Test
  void getReport_triggerNone_sendsOnlyWhenAsked() {
    ADD_ROSPEC add = ReaderMessages.addRoSpec(settings(1, Duration.ofMillis(100), ReportField.ANTENNA_ID));
    add.getROSpec().getROReportSpec().setROReportTrigger(new ROReportTriggerType(ROReportTriggerType.None));
    call(add);
    call(ReaderMessages.enableRoSpec(1));
    call(ReaderMessages.startRoSpec(1));
    advance(100);
    assertThat(channel.<Object>readOutbound()).isNull();
    ByteBuf out = Unpooled.buffer();
    Ltk.encode(new GET_REPORT(), 55, 2, out);
    channel.writeInbound(out);
    assertThat(nextReport().size()).isEqualTo(6);
  }

  @Test
  void roSpecDurationStopTrigger_endOfRoSpec_reportsAndLeavesTheSpecInactive() {
    ADD_ROSPEC add = ReaderMessages.addRoSpec(settings(100, Duration.ofSeconds(10), ReportField.ANTENNA_ID));
    add.getROSpec().getROReportSpec().setROReportTrigger(new ROReportTriggerType(ROReportTriggerType.Upon_N_Tags_Or_End_Of_ROSpec));
    add.getROSpec().getROBoundarySpec().getROSpecStopTrigger()
        .setROSpecStopTriggerType(new ROSpecStopTriggerType(ROSpecStopTriggerType.Duration));
    add.getROSpec().getROBoundarySpec().getROSpecStopTrigger().setDurationTriggerValue(new UnsignedInteger(120));
    call(add);
    call(ReaderMessages.enableRoSpec(1));
    call(ReaderMessages.startRoSpec(1));
    advance(100);
    assertThat(channel.<Object>readOutbound()).isNull();
    advance(50);
    assertThat(nextReport().size()).isEqualTo(6); // rounds at 50 and 100 ms; the spec ended at 120 ms
    assertThat(endpoint.registry().state(1)).isEqualTo(ROSpecState.Inactive);
    advance(200);
    assertThat(channel.<Object>readOutbound()).isNull();
  }

  private void send(LLRPMessage request, long id) {
    ByteBuf out = Unpooled.buffer();
    Ltk.encode(request, id, 2, out);
    channel.writeInbound(out);
  }

  @Test
  void roSpecEvents_enabledBySetReaderConfig_announceStartAndEnd() {
    ReaderSettings settings = settings(100, Duration.ofSeconds(10), ReportField.ANTENNA_ID);
    assertThat(status(call(ReaderMessages.setReaderConfig(settings)))).isEqualTo("M_Success");
    call(ReaderMessages.addRoSpec(settings));
    call(ReaderMessages.enableRoSpec(1));
    send(ReaderMessages.startRoSpec(1), 70);
    READER_EVENT_NOTIFICATION start = (READER_EVENT_NOTIFICATION) next();
    assertThat(start.getReaderEventNotificationData().getROSpecEvent().getEventType().intValue())
        .isEqualTo(ROSpecEventType.Start_Of_ROSpec);
    assertThat(status(next())).isEqualTo("M_Success");
    advance(50);
    send(ReaderMessages.stopRoSpec(1), 71);
    assertThat(nextReport().size()).isEqualTo(3);
    READER_EVENT_NOTIFICATION end = (READER_EVENT_NOTIFICATION) next();
    assertThat(end.getReaderEventNotificationData().getROSpecEvent().getEventType().intValue())
        .isEqualTo(ROSpecEventType.End_Of_ROSpec);
    assertThat(end.getReaderEventNotificationData().getROSpecEvent().getROSpecID().toLong()).isEqualTo(1);
    assertThat(status(next())).isEqualTo("M_Success");
  }

  @Test
  void stopRoSpec_flushesTheTagsWaiting() {
    startInventory(settings(100, Duration.ofSeconds(10), ReportField.ANTENNA_ID));
    advance(50);
    assertThat(channel.<Object>readOutbound()).isNull();
    ByteBuf out = Unpooled.buffer();
    Ltk.encode(ReaderMessages.stopRoSpec(1), 60, 2, out);
    channel.writeInbound(out);
    assertThat(nextReport().size()).isEqualTo(3);
    assertThat(status(next())).isEqualTo("M_Success");
  }

  @Test
  void malformed_wrongVersion_isUnsupportedVersionAndKeepsTheConnection() {
    ByteBuf out = Unpooled.buffer();
    Ltk.encode(ReaderMessages.getCapabilities(), 9, 1, out);
    channel.writeInbound(out);
    ERROR_MESSAGE error = (ERROR_MESSAGE) next();
    assertThat(error.getMessageID().toLong()).isEqualTo(9);
    assertThat(status(error)).startsWith("M_UnsupportedVersion");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void malformed_unknownType_isUnsupportedMessage() {
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x08, 0x63, 0, 0, 0, 10, 0, 0, 0, 8}));
    assertThat(status(next())).isEqualTo("M_UnsupportedMessage: message type 99 is not supported");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void malformed_body_isParameterError() {
    // GET_READER_CAPABILITIES with RequestedData 9 (defined: 0..4)
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x08, 0x01, 0, 0, 0, 11, 0, 0, 0, 8, 9}));
    ERROR_MESSAGE error = (ERROR_MESSAGE) next();
    assertThat(status(error)).startsWith("M_ParameterError: malformed GET_READER_CAPABILITIES");
    assertThat(error.getMessageID().toLong()).isEqualTo(8);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void malformed_frameLength_isFieldErrorThenClose() {
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x08, 0x01, 0, 0, 0, 3, 0, 0, 0, 8}));
    assertThat(status(next())).startsWith("M_FieldError: message length 3");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void malformed_headerVersion5_isUnsupportedVersionThenClose() {
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x14, 0x01, 0, 0, 0, 10, 0, 0, 0, 8}));
    ERROR_MESSAGE error = (ERROR_MESSAGE) next();
    assertThat(status(error)).startsWith("M_UnsupportedVersion");
    assertThat(error.getMessageID().toLong()).isEqualTo(8);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void tagSourceFailure_closesTheClientWithoutReachingTheTail() {
    channel.finishAndReleaseAll();
    endpoint = new ReaderEndpointHandler(options, (now, antenna, out) -> {
      throw new IllegalStateException("scene broken");
    }, clock);
    channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.pipeline().addLast(new LlrpFrameDecoder(), new LtkMessageEncoder(), endpoint);
    channel.pipeline().fireChannelActive();
    next();
    startInventory(settings(1, Duration.ofSeconds(1)));
    advance(50);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void closeConnection_isAnsweredThenClosed() {
    assertThat(call(ReaderMessages.closeConnection())).isInstanceOf(CLOSE_CONNECTION_RESPONSE.class);
    assertThat(channel.isOpen()).isFalse();
  }
}
