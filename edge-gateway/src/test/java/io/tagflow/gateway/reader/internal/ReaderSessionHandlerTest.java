package io.tagflow.gateway.reader.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tagflow.gateway.reader.AntennaSettings;
import io.tagflow.gateway.reader.ReaderSettings;
import io.tagflow.gateway.reader.ReaderState;
import io.tagflow.protocol.llrp.Ltk;
import io.tagflow.protocol.llrp.LlrpStatusCode;
import io.tagflow.protocol.llrp.ReportContent;
import io.tagflow.protocol.llrp.RoAccessReportEncoder;
import io.tagflow.protocol.llrp.TagField;
import io.tagflow.protocol.llrp.TagReportBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.llrp.ltk.generated.enumerations.ConnectionAttemptStatusType;
import org.llrp.ltk.generated.messages.ADD_ROSPEC;
import org.llrp.ltk.generated.messages.ADD_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.CLOSE_CONNECTION;
import org.llrp.ltk.generated.messages.CLOSE_CONNECTION_RESPONSE;
import org.llrp.ltk.generated.messages.DELETE_ROSPEC;
import org.llrp.ltk.generated.messages.DELETE_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.ENABLE_ROSPEC;
import org.llrp.ltk.generated.messages.ENABLE_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.ERROR_MESSAGE;
import org.llrp.ltk.generated.messages.GET_READER_CAPABILITIES;
import org.llrp.ltk.generated.messages.GET_READER_CAPABILITIES_RESPONSE;
import org.llrp.ltk.generated.messages.KEEPALIVE;
import org.llrp.ltk.generated.messages.KEEPALIVE_ACK;
import org.llrp.ltk.generated.messages.SET_READER_CONFIG;
import org.llrp.ltk.generated.messages.SET_READER_CONFIG_RESPONSE;
import org.llrp.ltk.generated.messages.START_ROSPEC;
import org.llrp.ltk.generated.messages.START_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.STOP_ROSPEC;
import org.llrp.ltk.generated.messages.STOP_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.parameters.AISpec;
import org.llrp.ltk.generated.parameters.AntennaConfiguration;
import org.llrp.ltk.generated.parameters.C1G2InventoryCommand;
import org.llrp.ltk.generated.parameters.LLRPStatus;
import org.llrp.ltk.generated.parameters.Custom;
import org.llrp.ltk.types.BytesToEnd_HEX;
import org.llrp.ltk.types.LLRPMessage;
import org.llrp.ltk.types.UnsignedInteger;

class ReaderSessionHandlerTest {
  private static final ReaderSettings SETTINGS = ReaderSettings.builder("dock-1", "127.0.0.1")
      .antennas(List.of(new AntennaSettings(1, 81, 1), AntennaSettings.of(2)))
      .keepalivePeriod(Duration.ofSeconds(5)).session(2).tagPopulation(64).reportEveryTags(50)
      .reportPeriod(Duration.ofMillis(250)).connectTimeout(Duration.ofSeconds(3)).build();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ReaderMetrics metrics = new ReaderMetrics(registry, "dock-1");
  private final FakeClock clock = new FakeClock();
  private final List<ReaderState> states = new ArrayList<>();
  private final List<String> reports = new ArrayList<>();
  /** Every frame the gateway sent, as bytes, for the "every message parses in LTK" check. */
  private final List<ByteBuf> sent = new ArrayList<>();
  private EmbeddedChannel channel;

  private EmbeddedChannel connect() {
    return connect(SETTINGS);
  }

  private EmbeddedChannel connect(ReaderSettings settings) {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.pipeline().addLast(new ReaderChannelInitializer(settings, (id, batch) -> {
      for (int i = 0; i < batch.size(); i++) {
        reports.add(id + ":" + batch.epcHex(i) + "@" + batch.antennaId(i));
      }
    }, metrics, clock, states::add));
    channel.pipeline().fireChannelActive();
    return channel;
  }

  @AfterEach
  void checkNothingReachedTheTail() {
    if (channel != null) {
      channel.checkException(); // rethrows anything that reached Netty's tail handler
      channel.finishAndReleaseAll();
    }
    sent.forEach(ByteBuf::release);
  }

  private void receive(LLRPMessage message, long messageId, int version) {
    channel.writeInbound(ReaderFrames.encode(message, messageId, version));
  }

  private LLRPMessage nextSent() {
    ByteBuf bytes = channel.readOutbound();
    assertThat(bytes).as("a message from the gateway").isNotNull();
    sent.add(bytes);
    return ReaderFrames.parse(bytes);
  }

  private static <T extends LLRPMessage> T withStatus(T response, LLRPStatus status) {
    try {
      response.getClass().getMethod("setLLRPStatus", LLRPStatus.class).invoke(response, status);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    return response;
  }

  private void answer(LLRPMessage request, LLRPMessage response, int version) {
    receive(withStatus(response, ReaderFrames.success()), request.getMessageID().toLong(), version);
  }

  /** Runs the whole startup; returns the messages in the order sent. */
  private List<LLRPMessage> startUp(int version) {
    connect();
    receive(ReaderFrames.connectionEvent(ConnectionAttemptStatusType.Success, false), 0, version);
    List<LLRPMessage> requests = new ArrayList<>();
    List<LLRPMessage> responses = List.of(new GET_READER_CAPABILITIES_RESPONSE(), new SET_READER_CONFIG_RESPONSE(),
        new DELETE_ROSPEC_RESPONSE(), new ADD_ROSPEC_RESPONSE(), new ENABLE_ROSPEC_RESPONSE(), new START_ROSPEC_RESPONSE());
    for (LLRPMessage response : responses) {
      LLRPMessage request = nextSent();
      requests.add(request);
      answer(request, response, version);
    }
    return requests;
  }

  @Test
  void startUp_readerAnswersSuccess_sendsConfigurationThenInventoryAndRuns() {
    List<LLRPMessage> requests = startUp(Ltk.LLRP_1_1);

    assertThat(requests).extracting(m -> m.getClass().getSimpleName()).containsExactly("GET_READER_CAPABILITIES",
        "SET_READER_CONFIG", "DELETE_ROSPEC", "ADD_ROSPEC", "ENABLE_ROSPEC", "START_ROSPEC");
    assertThat(states).containsExactly(ReaderState.CONFIGURING, ReaderState.STARTING, ReaderState.RUNNING);
    assertThat(((DELETE_ROSPEC) requests.get(2)).getROSpecID().toLong()).isZero();
    assertThat(((ENABLE_ROSPEC) requests.get(4)).getROSpecID().toLong()).isEqualTo(ReaderMessages.ROSPEC_ID);
    assertThat(((START_ROSPEC) requests.get(5)).getROSpecID().toLong()).isEqualTo(ReaderMessages.ROSPEC_ID);
    assertThat(channel.isOpen()).isTrue();
    assertThat(sent).allSatisfy(bytes -> assertThat((bytes.getByte(0) >> 2) & 7).isEqualTo(2));
  }

  @Test
  void startUp_settings_areInSetReaderConfigAndAddRoSpec() {
    List<LLRPMessage> requests = startUp(Ltk.LLRP_1_1);
    SET_READER_CONFIG config = (SET_READER_CONFIG) requests.get(1);
    assertThat(config.getKeepaliveSpec().getPeriodicTriggerValue().toLong()).isEqualTo(5000);
    AntennaConfiguration antenna1 = config.getAntennaConfigurationList().get(0);
    assertThat(antenna1.getRFTransmitter().getTransmitPower().intValue()).isEqualTo(81);
    assertThat(antenna1.getRFReceiver().getReceiverSensitivity().intValue()).isEqualTo(1);
    assertThat(config.getAntennaConfigurationList().get(1).getRFTransmitter()).isNull();

    ADD_ROSPEC add = (ADD_ROSPEC) requests.get(3);
    assertThat(add.getROSpec().getROReportSpec().getN().intValue()).isEqualTo(50);
    assertThat(add.getROSpec().getROReportSpec().getTagReportContentSelector().getEnablePeakRSSI().intValue()).isEqualTo(1);
    assertThat(add.getROSpec().getROReportSpec().getTagReportContentSelector().getEnableChannelIndex().intValue()).isZero();
    AISpec aiSpec = (AISpec) add.getROSpec().getSpecParameterList().get(0);
    assertThat(aiSpec.getAISpecStopTrigger().getDurationTrigger().toLong()).isEqualTo(250);
    assertThat(aiSpec.getAntennaIDs().toString()).isEqualTo("1 2");
    C1G2InventoryCommand command = (C1G2InventoryCommand) aiSpec.getInventoryParameterSpecList().get(0)
        .getAntennaConfigurationList().get(0).getAirProtocolInventoryCommandSettingsList().get(0);
    assertThat(command.getC1G2SingulationControl().getSession().intValue()).isEqualTo(2);
    assertThat(command.getC1G2SingulationControl().getTagPopulation().intValue()).isEqualTo(64);
  }

  @Test
  void startUp_llrp101Reader_isAnsweredInVersion1() {
    startUp(Ltk.LLRP_1_0_1);
    assertThat(states).last().isEqualTo(ReaderState.RUNNING);
    assertThat(sent).allSatisfy(bytes -> assertThat((bytes.getByte(0) >> 2) & 7).isEqualTo(1));
  }

  @Test
  void connectionEvent_withAntennaEventAndCustomParameter_isAccepted() {
    connect();
    receive(ReaderFrames.connectionEvent(ConnectionAttemptStatusType.Success, true), 0, Ltk.LLRP_1_1);
    assertThat(nextSent()).isInstanceOf(GET_READER_CAPABILITIES.class);
  }

  @Test
  void capabilitiesResponse_withVendorCustomParameter_isAccepted() {
    connect();
    receive(ReaderFrames.connectionEvent(ConnectionAttemptStatusType.Success, false), 0, Ltk.LLRP_1_1);
    LLRPMessage request = nextSent();
    GET_READER_CAPABILITIES_RESPONSE response = new GET_READER_CAPABILITIES_RESPONSE();
    Custom custom = new Custom();
    custom.setVendorIdentifier(new UnsignedInteger(25882));
    custom.setParameterSubtype(new UnsignedInteger(1));
    custom.setData(new BytesToEnd_HEX("CAFE"));
    response.addToCustomList(custom);
    answer(request, response, Ltk.LLRP_1_1);
    assertThat(nextSent()).isInstanceOf(SET_READER_CONFIG.class);
  }

  @Test
  void connectionEvent_failedStatus_closesWithoutSending() {
    connect();
    receive(ReaderFrames.connectionEvent(ConnectionAttemptStatusType.Failed_A_Client_Initiated_Connection_Already_Exists, false),
        0, Ltk.LLRP_1_1);
    assertThat(channel.isOpen()).isFalse();
    assertThat(channel.<Object>readOutbound()).isNull();
  }

  @Test
  void connectionEvent_notWithinConnectTimeout_closes() {
    connect();
    channel.advanceTimeBy(2999, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isTrue();
    channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void response_notWithinConnectTimeout_closes() {
    connect();
    receive(ReaderFrames.connectionEvent(ConnectionAttemptStatusType.Success, false), 0, Ltk.LLRP_1_1);
    nextSent();
    channel.advanceTimeBy(3, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void addRoSpec_failedStatus_closesAndCountsTheSpecStatusName() {
    connect();
    receive(ReaderFrames.connectionEvent(ConnectionAttemptStatusType.Success, false), 0, Ltk.LLRP_1_1);
    answer(nextSent(), new GET_READER_CAPABILITIES_RESPONSE(), Ltk.LLRP_1_1);
    answer(nextSent(), new SET_READER_CONFIG_RESPONSE(), Ltk.LLRP_1_1);
    answer(nextSent(), new DELETE_ROSPEC_RESPONSE(), Ltk.LLRP_1_1);
    LLRPMessage add = nextSent();
    receive(withStatus(new ADD_ROSPEC_RESPONSE(), Ltk.status(LlrpStatusCode.A_INVALID, "ROSpec 1 exists")),
        add.getMessageID().toLong(), Ltk.LLRP_1_1);

    assertThat(channel.isOpen()).isFalse();
    assertThat(registry.counter("tagflow.reader.llrp.errors", "reader", "dock-1", "status", "A_Invalid").count()).isEqualTo(1);
  }

  @Test
  void errorMessage_answeringThePendingRequest_closes() {
    connect();
    receive(ReaderFrames.connectionEvent(ConnectionAttemptStatusType.Success, false), 0, Ltk.LLRP_1_1);
    LLRPMessage request = nextSent();
    receive(withStatus(new ERROR_MESSAGE(), Ltk.status(LlrpStatusCode.M_UNSUPPORTED_MESSAGE, "no")),
        request.getMessageID().toLong(), Ltk.LLRP_1_1);
    assertThat(channel.isOpen()).isFalse();
    assertThat(registry.counter("tagflow.reader.llrp.errors", "reader", "dock-1", "status", "M_UnsupportedMessage").count()).isEqualTo(1);
  }

  @Test
  void errorMessage_unsolicitedWhileRunning_isCountedAndKeepsRunning() {
    startUp(Ltk.LLRP_1_1);
    receive(withStatus(new ERROR_MESSAGE(), Ltk.status(LlrpStatusCode.R_DEVICE_ERROR, "antenna 2 fault")), 999, Ltk.LLRP_1_1);
    assertThat(channel.isOpen()).isTrue();
    assertThat(registry.counter("tagflow.reader.llrp.errors", "reader", "dock-1", "status", "R_DeviceError").count()).isEqualTo(1);
  }

  @Test
  void keepalive_isAckedWithItsMessageId() {
    startUp(Ltk.LLRP_1_1);
    receive(new KEEPALIVE(), 77, Ltk.LLRP_1_1);
    LLRPMessage ack = nextSent();
    assertThat(ack).isInstanceOf(KEEPALIVE_ACK.class);
    assertThat(ack.getMessageID().toLong()).isEqualTo(77);
  }

  @Test
  void keepalive_lateArrival_recordsLag() {
    startUp(Ltk.LLRP_1_1);
    receive(new KEEPALIVE(), 1, Ltk.LLRP_1_1);
    clock.advance(Duration.ofMillis(5_400));
    receive(new KEEPALIVE(), 2, Ltk.LLRP_1_1);
    assertThat(registry.timer("tagflow.reader.keepalive.lag", "reader", "dock-1").max(TimeUnit.MILLISECONDS)).isEqualTo(400);
  }

  @Test
  void keepalive_threeMissedPeriods_closesTheDeadLink() {
    startUp(Ltk.LLRP_1_1);
    channel.advanceTimeBy(14_999, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isTrue();
    channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isFalse();
    assertThat(registry.counter("tagflow.reader.dead.links", "reader", "dock-1").count()).isEqualTo(1);
  }

  @Test
  void keepaliveWatchdog_beforeTheReaderAcceptedTheKeepaliveSpec_leavesStartUpToTheRequestTimeouts() {
    connect(SETTINGS.toBuilder().keepalivePeriod(Duration.ofMillis(500)).build());
    receive(ReaderFrames.connectionEvent(ConnectionAttemptStatusType.Success, false), 0, Ltk.LLRP_1_1);
    LLRPMessage capabilities = nextSent();
    channel.advanceTimeBy(2_900, TimeUnit.MILLISECONDS); // beyond 3 keepalive periods of a 500 ms reader
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isTrue();
    answer(capabilities, new GET_READER_CAPABILITIES_RESPONSE(), Ltk.LLRP_1_1);
    LLRPMessage config = nextSent();
    assertThat(config).isInstanceOf(SET_READER_CONFIG.class);
    answer(config, new SET_READER_CONFIG_RESPONSE(), Ltk.LLRP_1_1);
    nextSent(); // DELETE_ROSPEC, left unanswered
    channel.advanceTimeBy(1_500, TimeUnit.MILLISECONDS); // armed now: 3 silent periods are a dead link
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isFalse();
    assertThat(registry.counter("tagflow.reader.dead.links", "reader", "dock-1").count()).isEqualTo(1);
  }

  private static ByteBuf report(int version, long messageId) {
    TagReportBatch batch = new TagReportBatch();
    int a = batch.addEpc96(0x3008_33B2_DDD9_0140L, 1);
    batch.set(a, TagField.ANTENNA_ID, 1);
    int b = batch.addTag(new byte[] {(byte) 0xE2, (byte) 0x80, 0x11, 0x60, 0x60, 0, 2, 9, (byte) 0xA5, 0x1F, 0x3C, 0x5D, 0, 0, 0, 0x2A}, 0, 128);
    batch.set(b, TagField.ANTENNA_ID, 2);
    ByteBuf out = Unpooled.buffer();
    new RoAccessReportEncoder(ReportContent.of(TagField.ANTENNA_ID)).encode(batch, version, messageId, out);
    return out;
  }

  @Test
  void report_epc96AndEpcData_areDecodedForTheListener() {
    startUp(Ltk.LLRP_1_1);
    channel.writeInbound(report(2, 500));
    assertThat(reports).containsExactly("dock-1:300833B2DDD9014000000001@1", "dock-1:E280116060000209A51F3C5D0000002A@2");
    assertThat(registry.counter("tagflow.reader.reports", "reader", "dock-1").count()).isEqualTo(1);
    assertThat(registry.counter("tagflow.reader.tags", "reader", "dock-1").count()).isEqualTo(2);
  }

  @Test
  void report_malformed_closesOnceAndCountsWithoutReachingTheTail() {
    startUp(Ltk.LLRP_1_1);
    ByteBuf bad = report(2, 501);
    bad.setByte(14, 0x7F); // first TagReportData's length now runs past the message
    channel.writeInbound(bad);
    assertThat(channel.isOpen()).isFalse();
    assertThat(reports).isEmpty();
    assertThat(registry.counter("tagflow.reader.decode.errors", "reader", "dock-1").count()).isEqualTo(1);
  }

  @Test
  void frame_badLength_closesAndCounts() {
    startUp(Ltk.LLRP_1_1);
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x08, 0x3e, 0, 0, 0, 4, 0, 0, 0, 1}));
    assertThat(channel.isOpen()).isFalse();
    assertThat(registry.counter("tagflow.reader.decode.errors", "reader", "dock-1").count()).isEqualTo(1);
  }

  @Test
  void message_malformedLtkBody_closesAndCounts() {
    connect();
    // READER_EVENT_NOTIFICATION (63) with an empty body: ReaderEventNotificationData is required.
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x08, 0x3f, 0, 0, 0, 10, 0, 0, 0, 1}));
    assertThat(channel.isOpen()).isFalse();
    assertThat(registry.counter("tagflow.reader.decode.errors", "reader", "dock-1").count()).isEqualTo(1);
  }

  @Test
  void stop_whileRunning_stopsRoSpecThenClosesConnection() {
    startUp(Ltk.LLRP_1_1);
    channel.pipeline().get(ReaderSessionHandler.class).stop();
    LLRPMessage stop = nextSent();
    assertThat(stop).isInstanceOf(STOP_ROSPEC.class);
    assertThat(((STOP_ROSPEC) stop).getROSpecID().toLong()).isEqualTo(ReaderMessages.ROSPEC_ID);
    answer(stop, new STOP_ROSPEC_RESPONSE(), Ltk.LLRP_1_1);
    LLRPMessage close = nextSent();
    assertThat(close).isInstanceOf(CLOSE_CONNECTION.class);
    assertThat(channel.isOpen()).isTrue();
    answer(close, new CLOSE_CONNECTION_RESPONSE(), Ltk.LLRP_1_1);
    assertThat(channel.isOpen()).isFalse();
    assertThat(states).last().isEqualTo(ReaderState.STOPPING);
  }

  @Test
  void everyMessageTheGatewaySends_parsesInLtk() {
    startUp(Ltk.LLRP_1_1);
    receive(new KEEPALIVE(), 5, Ltk.LLRP_1_1);
    nextSent();
    channel.pipeline().get(ReaderSessionHandler.class).stop();
    answer(nextSent(), new STOP_ROSPEC_RESPONSE(), Ltk.LLRP_1_1);
    nextSent();
    // nextSent() parsed each one with LTK already; re-check names and that nothing else is queued.
    assertThat(sent).hasSize(9);
    assertThat(sent).extracting(b -> ReaderFrames.parse(b).getName()).containsExactly("GET_READER_CAPABILITIES",
        "SET_READER_CONFIG", "DELETE_ROSPEC", "ADD_ROSPEC", "ENABLE_ROSPEC", "START_ROSPEC", "KEEPALIVE_ACK",
        "STOP_ROSPEC", "CLOSE_CONNECTION");
    assertThat(channel.<Object>readOutbound()).isNull();
  }
}
