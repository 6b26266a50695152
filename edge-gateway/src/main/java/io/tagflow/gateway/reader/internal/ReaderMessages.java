package io.tagflow.gateway.reader.internal;

import io.tagflow.gateway.reader.AntennaSettings;
import io.tagflow.gateway.reader.ReaderSettings;
import io.tagflow.gateway.reader.ReportField;
import java.util.Set;
import org.llrp.ltk.generated.enumerations.AISpecStopTriggerType;
import org.llrp.ltk.generated.enumerations.AirProtocols;
import org.llrp.ltk.generated.enumerations.GetReaderCapabilitiesRequestedData;
import org.llrp.ltk.generated.enumerations.KeepaliveTriggerType;
import org.llrp.ltk.generated.enumerations.NotificationEventType;
import org.llrp.ltk.generated.enumerations.ROReportTriggerType;
import org.llrp.ltk.generated.enumerations.ROSpecStartTriggerType;
import org.llrp.ltk.generated.enumerations.ROSpecState;
import org.llrp.ltk.generated.enumerations.ROSpecStopTriggerType;
import org.llrp.ltk.generated.messages.ADD_ROSPEC;
import org.llrp.ltk.generated.messages.CLOSE_CONNECTION;
import org.llrp.ltk.generated.messages.DELETE_ROSPEC;
import org.llrp.ltk.generated.messages.ENABLE_ROSPEC;
import org.llrp.ltk.generated.messages.GET_READER_CAPABILITIES;
import org.llrp.ltk.generated.messages.SET_READER_CONFIG;
import org.llrp.ltk.generated.messages.START_ROSPEC;
import org.llrp.ltk.generated.messages.STOP_ROSPEC;
import org.llrp.ltk.generated.parameters.AISpec;
import org.llrp.ltk.generated.parameters.AISpecStopTrigger;
import org.llrp.ltk.generated.parameters.AntennaConfiguration;
import org.llrp.ltk.generated.parameters.C1G2EPCMemorySelector;
import org.llrp.ltk.generated.parameters.C1G2InventoryCommand;
import org.llrp.ltk.generated.parameters.C1G2SingulationControl;
import org.llrp.ltk.generated.parameters.EventNotificationState;
import org.llrp.ltk.generated.parameters.InventoryParameterSpec;
import org.llrp.ltk.generated.parameters.KeepaliveSpec;
import org.llrp.ltk.generated.parameters.ROBoundarySpec;
import org.llrp.ltk.generated.parameters.ROReportSpec;
import org.llrp.ltk.generated.parameters.ROSpec;
import org.llrp.ltk.generated.parameters.ROSpecStartTrigger;
import org.llrp.ltk.generated.parameters.ROSpecStopTrigger;
import org.llrp.ltk.generated.parameters.RFReceiver;
import org.llrp.ltk.generated.parameters.RFTransmitter;
import org.llrp.ltk.generated.parameters.ReaderEventNotificationSpec;
import org.llrp.ltk.generated.parameters.TagReportContentSelector;
import org.llrp.ltk.types.Bit;
import org.llrp.ltk.types.TwoBitField;
import org.llrp.ltk.types.UnsignedByte;
import org.llrp.ltk.types.UnsignedInteger;
import org.llrp.ltk.types.UnsignedShort;
import org.llrp.ltk.types.UnsignedShortArray;

/**
 * Builds, with the LLRP Toolkit, the requests a reader session sends, from its {@link ReaderSettings}.
 * Message ids are set by the session when it sends them.
 */
public final class ReaderMessages {
  /** The one ROSpec the gateway owns on each reader. */
  public static final int ROSPEC_ID = 1;
  /** DELETE_ROSPEC with id 0 deletes every ROSpec (LLRP 1.1 §10.1.3). */
  public static final int ALL_ROSPECS = 0;

  /** Events the gateway wants to hear about; hopping and per-AISpec events would only add noise. */
  private static final Set<Integer> EVENTS_ON = Set.of(NotificationEventType.ROSpec_Event,
      NotificationEventType.Report_Buffer_Fill_Warning, NotificationEventType.Reader_Exception_Event,
      NotificationEventType.Antenna_Event);
  private static final int[] ALL_EVENTS = {NotificationEventType.Upon_Hopping_To_Next_Channel,
      NotificationEventType.GPI_Event, NotificationEventType.ROSpec_Event, NotificationEventType.Report_Buffer_Fill_Warning,
      NotificationEventType.Reader_Exception_Event, NotificationEventType.RFSurvey_Event, NotificationEventType.AISpec_Event,
      NotificationEventType.AISpec_Event_With_Details, NotificationEventType.Antenna_Event};

  private ReaderMessages() {
  }

  /** GET_READER_CAPABILITIES for all capabilities (LLRP 1.1 §9.1.1). */
  public static GET_READER_CAPABILITIES getCapabilities() {
    GET_READER_CAPABILITIES message = new GET_READER_CAPABILITIES();
    message.setRequestedData(new GetReaderCapabilitiesRequestedData(GetReaderCapabilitiesRequestedData.All));
    return message;
  }

  /** SET_READER_CONFIG: periodic keepalive, event notifications, per-antenna RF (LLRP 1.1 §12.1.3). */
  public static SET_READER_CONFIG setReaderConfig(ReaderSettings settings) {
    SET_READER_CONFIG message = new SET_READER_CONFIG();
    message.setResetToFactoryDefault(new Bit(0));
    KeepaliveSpec keepalive = new KeepaliveSpec();
    keepalive.setKeepaliveTriggerType(new KeepaliveTriggerType(KeepaliveTriggerType.Periodic));
    keepalive.setPeriodicTriggerValue(new UnsignedInteger(settings.keepalivePeriod().toMillis()));
    message.setKeepaliveSpec(keepalive);
    ReaderEventNotificationSpec events = new ReaderEventNotificationSpec();
    for (int event : ALL_EVENTS) {
      EventNotificationState state = new EventNotificationState();
      state.setEventType(new NotificationEventType(event));
      state.setNotificationState(new Bit(EVENTS_ON.contains(event) ? 1 : 0));
      events.addToEventNotificationStateList(state);
    }
    message.setReaderEventNotificationSpec(events);
    for (AntennaSettings antenna : settings.antennas()) {
      AntennaConfiguration config = new AntennaConfiguration();
      config.setAntennaID(new UnsignedShort(antenna.id()));
      if (antenna.receiverSensitivityIndex() > 0) {
        RFReceiver receiver = new RFReceiver();
        receiver.setReceiverSensitivity(new UnsignedShort(antenna.receiverSensitivityIndex()));
        config.setRFReceiver(receiver);
      }
      if (antenna.txPowerIndex() > 0) {
        RFTransmitter transmitter = new RFTransmitter();
        transmitter.setTransmitPower(new UnsignedShort(antenna.txPowerIndex()));
        // Hop table 1 / channel 1: the first (in hopping regions, the only) table every reader has.
        transmitter.setHopTableID(new UnsignedShort(1));
        transmitter.setChannelIndex(new UnsignedShort(1));
        config.setRFTransmitter(transmitter);
      }
      message.addToAntennaConfigurationList(config);
    }
    return message;
  }

  public static DELETE_ROSPEC deleteRoSpec(int id) {
    DELETE_ROSPEC message = new DELETE_ROSPEC();
    message.setROSpecID(new UnsignedInteger(id));
    return message;
  }

  /**
   * ADD_ROSPEC for the gateway's ROSpec: started and stopped only by command (Null triggers), one
   * AISpec over the configured antennas lasting {@code reportPeriod}, repeated while the ROSpec runs
   * (LLRP 1.1 §10.2.1), reporting after N tags or at the end of each AISpec.
   */
  public static ADD_ROSPEC addRoSpec(ReaderSettings settings) {
    ROSpecStartTrigger start = new ROSpecStartTrigger();
    start.setROSpecStartTriggerType(new ROSpecStartTriggerType(ROSpecStartTriggerType.Null));
    ROSpecStopTrigger stop = new ROSpecStopTrigger();
    stop.setROSpecStopTriggerType(new ROSpecStopTriggerType(ROSpecStopTriggerType.Null));
    stop.setDurationTriggerValue(new UnsignedInteger(0));
    ROBoundarySpec boundary = new ROBoundarySpec();
    boundary.setROSpecStartTrigger(start);
    boundary.setROSpecStopTrigger(stop);

    AISpecStopTrigger aiStop = new AISpecStopTrigger();
    aiStop.setAISpecStopTriggerType(new AISpecStopTriggerType(AISpecStopTriggerType.Duration));
    aiStop.setDurationTrigger(new UnsignedInteger(settings.reportPeriod().toMillis()));
    C1G2SingulationControl singulation = new C1G2SingulationControl();
    singulation.setSession(new TwoBitField(Integer.toString(settings.session())));
    singulation.setTagPopulation(new UnsignedShort(settings.tagPopulation()));
    singulation.setTagTransitTime(new UnsignedInteger(0));
    C1G2InventoryCommand command = new C1G2InventoryCommand();
    command.setTagInventoryStateAware(new Bit(0));
    command.setC1G2SingulationControl(singulation);
    AntennaConfiguration allAntennas = new AntennaConfiguration();
    allAntennas.setAntennaID(new UnsignedShort(0)); // 0 = every antenna of the AISpec
    allAntennas.addToAirProtocolInventoryCommandSettingsList(command);
    InventoryParameterSpec inventory = new InventoryParameterSpec();
    inventory.setInventoryParameterSpecID(new UnsignedShort(1));
    inventory.setProtocolID(new AirProtocols(AirProtocols.EPCGlobalClass1Gen2));
    inventory.addToAntennaConfigurationList(allAntennas);
    AISpec aiSpec = new AISpec();
    UnsignedShortArray antennaIds = new UnsignedShortArray();
    for (AntennaSettings antenna : settings.antennas()) {
      antennaIds.add(new UnsignedShort(antenna.id()));
    }
    aiSpec.setAntennaIDs(antennaIds);
    aiSpec.setAISpecStopTrigger(aiStop);
    aiSpec.addToInventoryParameterSpecList(inventory);

    ROReportSpec report = new ROReportSpec();
    report.setROReportTrigger(new ROReportTriggerType(ROReportTriggerType.Upon_N_Tags_Or_End_Of_AISpec));
    report.setN(new UnsignedShort(settings.reportEveryTags()));
    report.setTagReportContentSelector(contentSelector(settings.content()));

    ROSpec roSpec = new ROSpec();
    roSpec.setROSpecID(new UnsignedInteger(ROSPEC_ID));
    roSpec.setPriority(new UnsignedByte(0));
    roSpec.setCurrentState(new ROSpecState(ROSpecState.Disabled));
    roSpec.setROBoundarySpec(boundary);
    roSpec.addToSpecParameterList(aiSpec);
    roSpec.setROReportSpec(report);
    ADD_ROSPEC message = new ADD_ROSPEC();
    message.setROSpec(roSpec);
    return message;
  }

  /** The TagReportContentSelector for a set of fields (LLRP 1.1 §13.2.1.1). */
  public static TagReportContentSelector contentSelector(Set<ReportField> content) {
    TagReportContentSelector selector = new TagReportContentSelector();
    selector.setEnableROSpecID(bit(content, ReportField.ROSPEC_ID));
    selector.setEnableSpecIndex(bit(content, ReportField.SPEC_INDEX));
    selector.setEnableInventoryParameterSpecID(bit(content, ReportField.INVENTORY_PARAMETER_SPEC_ID));
    selector.setEnableAntennaID(bit(content, ReportField.ANTENNA_ID));
    selector.setEnableChannelIndex(bit(content, ReportField.CHANNEL_INDEX));
    selector.setEnablePeakRSSI(bit(content, ReportField.PEAK_RSSI));
    selector.setEnableFirstSeenTimestamp(bit(content, ReportField.FIRST_SEEN_TIMESTAMP));
    selector.setEnableLastSeenTimestamp(bit(content, ReportField.LAST_SEEN_TIMESTAMP));
    selector.setEnableTagSeenCount(bit(content, ReportField.TAG_SEEN_COUNT));
    selector.setEnableAccessSpecID(bit(content, ReportField.ACCESS_SPEC_ID));
    C1G2EPCMemorySelector memory = new C1G2EPCMemorySelector();
    memory.setEnableCRC(bit(content, ReportField.CRC));
    memory.setEnablePCBits(bit(content, ReportField.PC_BITS));
    selector.addToAirProtocolEPCMemorySelectorList(memory);
    return selector;
  }

  public static ENABLE_ROSPEC enableRoSpec(int id) {
    ENABLE_ROSPEC message = new ENABLE_ROSPEC();
    message.setROSpecID(new UnsignedInteger(id));
    return message;
  }

  public static START_ROSPEC startRoSpec(int id) {
    START_ROSPEC message = new START_ROSPEC();
    message.setROSpecID(new UnsignedInteger(id));
    return message;
  }

  public static STOP_ROSPEC stopRoSpec(int id) {
    STOP_ROSPEC message = new STOP_ROSPEC();
    message.setROSpecID(new UnsignedInteger(id));
    return message;
  }

  public static CLOSE_CONNECTION closeConnection() {
    return new CLOSE_CONNECTION();
  }

  private static Bit bit(Set<ReportField> content, ReportField field) {
    return new Bit(content.contains(field) ? 1 : 0);
  }
}
