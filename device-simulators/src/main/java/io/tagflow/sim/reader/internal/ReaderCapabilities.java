package io.tagflow.sim.reader.internal;

import io.tagflow.protocol.llrp.LlrpStatusCode;
import io.tagflow.sim.reader.SimulatedReaderOptions;
import java.util.List;
import org.llrp.ltk.generated.enumerations.AirProtocols;
import org.llrp.ltk.generated.enumerations.C1G2DRValue;
import org.llrp.ltk.generated.enumerations.C1G2ForwardLinkModulation;
import org.llrp.ltk.generated.enumerations.C1G2MValue;
import org.llrp.ltk.generated.enumerations.C1G2SpectralMaskIndicator;
import org.llrp.ltk.generated.parameters.C1G2UHFRFModeTable;
import org.llrp.ltk.generated.parameters.C1G2UHFRFModeTableEntry;
import org.llrp.ltk.generated.enumerations.CommunicationsStandard;
import org.llrp.ltk.generated.parameters.AntennaConfiguration;
import org.llrp.ltk.generated.parameters.FrequencyHopTable;
import org.llrp.ltk.generated.parameters.FrequencyInformation;
import org.llrp.ltk.generated.parameters.GPIOCapabilities;
import org.llrp.ltk.generated.parameters.GeneralDeviceCapabilities;
import org.llrp.ltk.generated.parameters.LLRPCapabilities;
import org.llrp.ltk.generated.parameters.PerAntennaAirProtocol;
import org.llrp.ltk.generated.parameters.ReceiveSensitivityTableEntry;
import org.llrp.ltk.generated.parameters.RegulatoryCapabilities;
import org.llrp.ltk.generated.parameters.TransmitPowerLevelTableEntry;
import org.llrp.ltk.generated.parameters.UHFBandCapabilities;
import org.llrp.ltk.generated.messages.GET_READER_CAPABILITIES_RESPONSE;
import org.llrp.ltk.generated.enumerations.AirProtocolsArray;
import org.llrp.ltk.types.Bit;
import org.llrp.ltk.types.SignedShort;
import org.llrp.ltk.types.UTF8String_UTF_8;
import org.llrp.ltk.types.UnsignedByte;
import org.llrp.ltk.types.UnsignedInteger;
import org.llrp.ltk.types.UnsignedIntegerArray;
import org.llrp.ltk.types.UnsignedShort;

/**
 * What the simulated reader can do (LLRP 1.1 §9.2 GET_READER_CAPABILITIES_RESPONSE), and the checks
 * of SET_READER_CONFIG and ADD_ROSPEC against it: antenna ids and table indexes out of range are
 * answered A_OutOfRange.
 */
public final class ReaderCapabilities {
  /** EU 865-868 MHz, the four ETSI EN 302 208 channels, in kHz. */
  private static final long[] HOP_TABLE_KHZ = {865_700, 866_300, 866_900, 867_500};
  private static final int SENSITIVITY_ENTRIES = 1;

  private final SimulatedReaderOptions options;

  public ReaderCapabilities(SimulatedReaderOptions options) {
    this.options = options;
  }

  public GET_READER_CAPABILITIES_RESPONSE response() {
    GET_READER_CAPABILITIES_RESPONSE response = new GET_READER_CAPABILITIES_RESPONSE();
    GeneralDeviceCapabilities general = new GeneralDeviceCapabilities();
    general.setMaxNumberOfAntennaSupported(new UnsignedShort(options.antennaCount()));
    general.setCanSetAntennaProperties(new Bit(0));
    general.setHasUTCClockCapability(new Bit(1));
    general.setDeviceManufacturerName(new UnsignedInteger(0));
    general.setModelName(new UnsignedInteger(0));
    general.setReaderFirmwareVersion(new UTF8String_UTF_8("tagflow-sim"));
    ReceiveSensitivityTableEntry sensitivity = new ReceiveSensitivityTableEntry();
    sensitivity.setIndex(new UnsignedShort(1));
    sensitivity.setReceiveSensitivityValue(new SignedShort(0));
    general.addToReceiveSensitivityTableEntryList(sensitivity);
    GPIOCapabilities gpio = new GPIOCapabilities();
    gpio.setNumGPIs(new UnsignedShort(0));
    gpio.setNumGPOs(new UnsignedShort(0));
    general.setGPIOCapabilities(gpio);
    for (int antenna = 1; antenna <= options.antennaCount(); antenna++) {
      PerAntennaAirProtocol protocols = new PerAntennaAirProtocol();
      protocols.setAntennaID(new UnsignedShort(antenna));
      AirProtocolsArray ids = new AirProtocolsArray();
      ids.add(new UnsignedByte(AirProtocols.EPCGlobalClass1Gen2));
      protocols.setProtocolID(ids);
      general.addToPerAntennaAirProtocolList(protocols);
    }
    response.setGeneralDeviceCapabilities(general);

    LLRPCapabilities llrp = new LLRPCapabilities();
    llrp.setCanDoRFSurvey(new Bit(0));
    llrp.setCanReportBufferFillWarning(new Bit(0));
    llrp.setSupportsClientRequestOpSpec(new Bit(0));
    llrp.setCanDoTagInventoryStateAwareSingulation(new Bit(0));
    llrp.setSupportsEventAndReportHolding(new Bit(0));
    llrp.setMaxNumPriorityLevelsSupported(new UnsignedByte(1));
    llrp.setClientRequestOpSpecTimeout(new UnsignedShort(0));
    llrp.setMaxNumROSpecs(new UnsignedInteger(0));
    llrp.setMaxNumSpecsPerROSpec(new UnsignedInteger(0));
    llrp.setMaxNumInventoryParameterSpecsPerAISpec(new UnsignedInteger(0));
    llrp.setMaxNumAccessSpecs(new UnsignedInteger(0));
    llrp.setMaxNumOpSpecsPerAccessSpec(new UnsignedInteger(0));
    response.setLLRPCapabilities(llrp);

    UHFBandCapabilities band = new UHFBandCapabilities();
    List<Integer> table = options.txPowerTable();
    for (int i = 0; i < table.size(); i++) {
      TransmitPowerLevelTableEntry entry = new TransmitPowerLevelTableEntry();
      entry.setIndex(new UnsignedShort(i + 1));
      entry.setTransmitPowerValue(new SignedShort(table.get(i).shortValue()));
      band.addToTransmitPowerLevelTableEntryList(entry);
    }
    FrequencyHopTable hops = new FrequencyHopTable();
    hops.setHopTableID(new UnsignedByte(1));
    UnsignedIntegerArray frequencies = new UnsignedIntegerArray();
    for (long khz : HOP_TABLE_KHZ) {
      frequencies.add(new UnsignedInteger(khz));
    }
    hops.setFrequency(frequencies);
    FrequencyInformation frequency = new FrequencyInformation();
    frequency.setHopping(new Bit(1));
    frequency.addToFrequencyHopTableList(hops);
    band.setFrequencyInformation(frequency);
    band.addToAirProtocolUHFRFModeTableList(rfModes());
    RegulatoryCapabilities regulatory = new RegulatoryCapabilities();
    regulatory.setCountryCode(new UnsignedShort(0));
    regulatory.setCommunicationsStandard(new CommunicationsStandard(CommunicationsStandard.ETSI_302_208));
    regulatory.setUHFBandCapabilities(band);
    response.setRegulatoryCapabilities(regulatory);
    return response;
  }

  /** One Gen2 RF mode (Miller 4, 250 kHz BLF, Tari 25 us), the "dense reader" mode of many readers. */
  private static C1G2UHFRFModeTable rfModes() {
    C1G2UHFRFModeTableEntry mode = new C1G2UHFRFModeTableEntry();
    mode.setModeIdentifier(new UnsignedInteger(1));
    mode.setDRValue(new C1G2DRValue(C1G2DRValue.DRV_64_3));
    mode.setEPCHAGTCConformance(new Bit(1));
    mode.setMValue(new C1G2MValue(C1G2MValue.MV_4));
    mode.setForwardLinkModulation(new C1G2ForwardLinkModulation(C1G2ForwardLinkModulation.PR_ASK));
    mode.setSpectralMaskIndicator(new C1G2SpectralMaskIndicator(C1G2SpectralMaskIndicator.DI));
    mode.setBDRValue(new UnsignedInteger(250_000));
    mode.setPIEValue(new UnsignedInteger(2000));
    mode.setMinTariValue(new UnsignedInteger(25_000));
    mode.setMaxTariValue(new UnsignedInteger(25_000));
    mode.setStepTariValue(new UnsignedInteger(0));
    C1G2UHFRFModeTable table = new C1G2UHFRFModeTable();
    table.addToC1G2UHFRFModeTableEntryList(mode);
    return table;
  }

  /** Checks an AntennaConfiguration of SET_READER_CONFIG; antenna 0 means all antennas. */
  public Outcome check(AntennaConfiguration config) {
    int antenna = config.getAntennaID().intValue();
    if (antenna > options.antennaCount()) {
      return outOfRange("AntennaID " + antenna + " does not exist; the reader has " + options.antennaCount() + " antennas");
    }
    if (config.getRFTransmitter() != null) {
      int power = config.getRFTransmitter().getTransmitPower().intValue();
      if (power < 1 || power > options.txPowerTable().size()) {
        return outOfRange("TransmitPower index " + power + " of antenna " + antenna + " is outside 1.." + options.txPowerTable().size());
      }
      if (config.getRFTransmitter().getHopTableID().intValue() != 1) {
        return outOfRange("HopTableID " + config.getRFTransmitter().getHopTableID() + " does not exist; the reader has table 1");
      }
    }
    if (config.getRFReceiver() != null) {
      int index = config.getRFReceiver().getReceiverSensitivity().intValue();
      if (index < 1 || index > SENSITIVITY_ENTRIES) {
        return outOfRange("ReceiverSensitivity index " + index + " of antenna " + antenna + " is outside 1.." + SENSITIVITY_ENTRIES);
      }
    }
    return Outcome.OK;
  }

  /** Checks an AISpec antenna id; 0 means all antennas. */
  public Outcome checkAntenna(int antenna) {
    return antenna > options.antennaCount()
        ? outOfRange("AntennaID " + antenna + " does not exist; the reader has " + options.antennaCount() + " antennas")
        : Outcome.OK;
  }

  private static Outcome outOfRange(String description) {
    return new Outcome(LlrpStatusCode.A_OUT_OF_RANGE, description);
  }
}
