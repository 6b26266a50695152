package io.tagflow.protocol.llrp;

import static org.assertj.core.api.Assertions.assertThat;

import org.llrp.ltk.exceptions.InvalidLLRPMessageException;
import org.llrp.ltk.generated.LLRPMessageFactory;
import org.llrp.ltk.generated.interfaces.AirProtocolTagData;
import org.llrp.ltk.generated.interfaces.EPCParameter;
import org.llrp.ltk.generated.messages.RO_ACCESS_REPORT;
import org.llrp.ltk.generated.parameters.AccessSpecID;
import org.llrp.ltk.generated.parameters.AntennaID;
import org.llrp.ltk.generated.parameters.C1G2_CRC;
import org.llrp.ltk.generated.parameters.C1G2_PC;
import org.llrp.ltk.generated.parameters.ChannelIndex;
import org.llrp.ltk.generated.parameters.Custom;
import org.llrp.ltk.generated.parameters.EPCData;
import org.llrp.ltk.generated.parameters.EPC_96;
import org.llrp.ltk.generated.parameters.FirstSeenTimestampUTC;
import org.llrp.ltk.generated.parameters.FirstSeenTimestampUptime;
import org.llrp.ltk.generated.parameters.InventoryParameterSpecID;
import org.llrp.ltk.generated.parameters.LastSeenTimestampUTC;
import org.llrp.ltk.generated.parameters.LastSeenTimestampUptime;
import org.llrp.ltk.generated.parameters.PeakRSSI;
import org.llrp.ltk.generated.parameters.ROSpecID;
import org.llrp.ltk.generated.parameters.SpecIndex;
import org.llrp.ltk.generated.parameters.TagReportData;
import org.llrp.ltk.generated.parameters.TagSeenCount;
import org.llrp.ltk.types.Bit;
import org.llrp.ltk.types.BitArray_HEX;
import org.llrp.ltk.types.BitList;
import org.llrp.ltk.types.BytesToEnd_HEX;
import org.llrp.ltk.types.Integer96_HEX;
import org.llrp.ltk.types.SignedByte;
import org.llrp.ltk.types.UnsignedInteger;
import org.llrp.ltk.types.UnsignedLong;
import org.llrp.ltk.types.UnsignedLong_DATETIME;
import org.llrp.ltk.types.UnsignedShort;

/**
 * Converts between {@link TagReportBatch} and the LLRP Toolkit's RO_ACCESS_REPORT objects, so the
 * differential tests can hold our codec against the reference implementation.
 */
final class LtkReports {
  private LtkReports() {
  }

  /**
   * The LTK message for {@code batch}: every present field, the EPC as EPC-96 when it is 96 bits
   * and {@code epc96}, else EPCData; {@code customsPerTag} Custom parameters at the end of each
   * TagReportData and {@code customsAtEnd} after the last one.
   */
  static RO_ACCESS_REPORT toLtk(TagReportBatch batch, boolean epc96, int version, long messageId,
                                int customsPerTag, int customsAtEnd) {
    RO_ACCESS_REPORT report = new RO_ACCESS_REPORT();
    report.setMessageID(new UnsignedInteger(messageId));
    report.setVersion(new BitList(0, version >> 1 & 1, version & 1));
    for (int i = 0; i < batch.size(); i++) {
      TagReportData tag = new TagReportData();
      tag.setEPCParameter(epc(batch, i, epc96));
      setFields(batch, i, tag);
      for (int c = 0; c < customsPerTag; c++) {
        tag.addToCustomList(custom(c));
      }
      report.addToTagReportDataList(tag);
    }
    for (int c = 0; c < customsAtEnd; c++) {
      report.addToCustomList(custom(c + 100));
    }
    return report;
  }

  static byte[] encode(RO_ACCESS_REPORT report) {
    try {
      return report.encodeBinary();
    } catch (InvalidLLRPMessageException e) {
      throw new AssertionError("LTK could not encode " + report, e);
    }
  }

  static RO_ACCESS_REPORT decode(byte[] message) {
    try {
      return (RO_ACCESS_REPORT) LLRPMessageFactory.createLLRPMessage(message);
    } catch (InvalidLLRPMessageException e) {
      throw new AssertionError("LTK could not decode our message", e);
    }
  }

  /** The tags LTK read, as a batch. */
  static TagReportBatch fromLtk(RO_ACCESS_REPORT report) {
    TagReportBatch batch = new TagReportBatch();
    for (TagReportData tag : report.getTagReportDataList()) {
      int i = addEpc(batch, tag.getEPCParameter());
      if (tag.getROSpecID() != null) {
        batch.set(i, TagField.RO_SPEC_ID, tag.getROSpecID().getROSpecID().toLong());
      }
      if (tag.getSpecIndex() != null) {
        batch.set(i, TagField.SPEC_INDEX, tag.getSpecIndex().getSpecIndex().intValue());
      }
      if (tag.getInventoryParameterSpecID() != null) {
        batch.set(i, TagField.INVENTORY_PARAMETER_SPEC_ID,
            tag.getInventoryParameterSpecID().getInventoryParameterSpecID().intValue());
      }
      if (tag.getAntennaID() != null) {
        batch.set(i, TagField.ANTENNA_ID, tag.getAntennaID().getAntennaID().intValue());
      }
      if (tag.getPeakRSSI() != null) {
        batch.set(i, TagField.PEAK_RSSI, tag.getPeakRSSI().getPeakRSSI().toByte());
      }
      if (tag.getChannelIndex() != null) {
        batch.set(i, TagField.CHANNEL_INDEX, tag.getChannelIndex().getChannelIndex().intValue());
      }
      if (tag.getFirstSeenTimestampUTC() != null) {
        batch.set(i, TagField.FIRST_SEEN_TIMESTAMP_UTC, tag.getFirstSeenTimestampUTC().getMicroseconds().toLong());
      }
      if (tag.getFirstSeenTimestampUptime() != null) {
        batch.set(i, TagField.FIRST_SEEN_TIMESTAMP_UPTIME, tag.getFirstSeenTimestampUptime().getMicroseconds().toLong());
      }
      if (tag.getLastSeenTimestampUTC() != null) {
        batch.set(i, TagField.LAST_SEEN_TIMESTAMP_UTC, tag.getLastSeenTimestampUTC().getMicroseconds().toLong());
      }
      if (tag.getLastSeenTimestampUptime() != null) {
        batch.set(i, TagField.LAST_SEEN_TIMESTAMP_UPTIME, tag.getLastSeenTimestampUptime().getMicroseconds().toLong());
      }
      if (tag.getTagSeenCount() != null) {
        batch.set(i, TagField.TAG_SEEN_COUNT, tag.getTagSeenCount().getTagCount().intValue());
      }
      for (AirProtocolTagData data : tag.getAirProtocolTagDataList()) {
        if (data instanceof C1G2_PC pc) {
          batch.set(i, TagField.C1G2_PC, pc.getPC_Bits().intValue());
        } else if (data instanceof C1G2_CRC crc) {
          batch.set(i, TagField.C1G2_CRC, crc.getCRC().intValue());
        }
      }
      if (tag.getAccessSpecID() != null) {
        batch.set(i, TagField.ACCESS_SPEC_ID, tag.getAccessSpecID().getAccessSpecID().toLong());
      }
    }
    return batch;
  }

  /** Asserts both batches hold the same tags: EPC bits and bytes, present fields and values. */
  static void assertSameTags(TagReportBatch actual, TagReportBatch expected) {
    assertThat(actual.size()).as("tag count").isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.epcBitLength(i)).as("EPC bits of tag %d", i).isEqualTo(expected.epcBitLength(i));
      assertThat(actual.epcHex(i)).as("EPC of tag %d", i).isEqualTo(expected.epcHex(i));
      assertThat(actual.presenceMask(i)).as("fields of tag %d", i).isEqualTo(expected.presenceMask(i));
      for (TagField field : TagField.values()) {
        if (expected.has(i, field)) {
          assertThat(actual.value(i, field)).as("%s of tag %d", field, i).isEqualTo(expected.value(i, field));
        }
      }
    }
  }

  /** A copy of {@code batch} keeping only the fields {@code content} selects. */
  static TagReportBatch select(TagReportBatch batch, ReportContent content) {
    TagReportBatch out = new TagReportBatch();
    for (int i = 0; i < batch.size(); i++) {
      int j = out.addFrom(batch, i);
      for (TagField field : TagField.values()) {
        if (!content.includes(field)) {
          out.unset(j, field);
        }
      }
    }
    return out;
  }

  private static EPCParameter epc(TagReportBatch batch, int i, boolean epc96) {
    int bits = batch.epcBitLength(i);
    if (bits == 96 && epc96) {
      EPC_96 epc = new EPC_96();
      epc.setEPC(new Integer96_HEX(batch.epcHex(i)));
      return epc;
    }
    Bit[] array = new Bit[bits];
    for (int b = 0; b < bits; b++) {
      array[b] = new Bit((batch.epcByte(i, b >> 3) >> (7 - (b & 7))) & 1);
    }
    EPCData epc = new EPCData();
    epc.setEPC(new BitArray_HEX(array));
    return epc;
  }

  private static int addEpc(TagReportBatch batch, EPCParameter parameter) {
    if (parameter instanceof EPC_96 epc96) {
      byte[] bytes = epc96.getEPC().encodeBinary().toByteArray();
      return batch.addTag(bytes, 0, 96);
    }
    BitArray_HEX bits = ((EPCData) parameter).getEPC();
    byte[] bytes = new byte[(bits.size() + 7) / 8];
    for (int b = 0; b < bits.size(); b++) {
      if (bits.get(b).toBoolean()) {
        bytes[b >> 3] |= (byte) (0x80 >> (b & 7));
      }
    }
    return batch.addTag(bytes, 0, bits.size());
  }

  private static void setFields(TagReportBatch batch, int i, TagReportData tag) {
    if (batch.has(i, TagField.RO_SPEC_ID)) {
      ROSpecID p = new ROSpecID();
      p.setROSpecID(new UnsignedInteger(batch.roSpecId(i)));
      tag.setROSpecID(p);
    }
    if (batch.has(i, TagField.SPEC_INDEX)) {
      SpecIndex p = new SpecIndex();
      p.setSpecIndex(new UnsignedShort(batch.specIndex(i)));
      tag.setSpecIndex(p);
    }
    if (batch.has(i, TagField.INVENTORY_PARAMETER_SPEC_ID)) {
      InventoryParameterSpecID p = new InventoryParameterSpecID();
      p.setInventoryParameterSpecID(new UnsignedShort(batch.inventoryParameterSpecId(i)));
      tag.setInventoryParameterSpecID(p);
    }
    if (batch.has(i, TagField.ANTENNA_ID)) {
      AntennaID p = new AntennaID();
      p.setAntennaID(new UnsignedShort(batch.antennaId(i)));
      tag.setAntennaID(p);
    }
    if (batch.has(i, TagField.PEAK_RSSI)) {
      PeakRSSI p = new PeakRSSI();
      p.setPeakRSSI(new SignedByte(batch.peakRssi(i)));
      tag.setPeakRSSI(p);
    }
    if (batch.has(i, TagField.CHANNEL_INDEX)) {
      ChannelIndex p = new ChannelIndex();
      p.setChannelIndex(new UnsignedShort(batch.channelIndex(i)));
      tag.setChannelIndex(p);
    }
    if (batch.has(i, TagField.FIRST_SEEN_TIMESTAMP_UTC)) {
      FirstSeenTimestampUTC p = new FirstSeenTimestampUTC();
      p.setMicroseconds(new UnsignedLong_DATETIME(batch.firstSeenTimestampUtc(i)));
      tag.setFirstSeenTimestampUTC(p);
    }
    if (batch.has(i, TagField.FIRST_SEEN_TIMESTAMP_UPTIME)) {
      FirstSeenTimestampUptime p = new FirstSeenTimestampUptime();
      p.setMicroseconds(new UnsignedLong(batch.firstSeenTimestampUptime(i)));
      tag.setFirstSeenTimestampUptime(p);
    }
    if (batch.has(i, TagField.LAST_SEEN_TIMESTAMP_UTC)) {
      LastSeenTimestampUTC p = new LastSeenTimestampUTC();
      p.setMicroseconds(new UnsignedLong_DATETIME(batch.lastSeenTimestampUtc(i)));
      tag.setLastSeenTimestampUTC(p);
    }
    if (batch.has(i, TagField.LAST_SEEN_TIMESTAMP_UPTIME)) {
      LastSeenTimestampUptime p = new LastSeenTimestampUptime();
      p.setMicroseconds(new UnsignedLong(batch.lastSeenTimestampUptime(i)));
      tag.setLastSeenTimestampUptime(p);
    }
    if (batch.has(i, TagField.TAG_SEEN_COUNT)) {
      TagSeenCount p = new TagSeenCount();
      p.setTagCount(new UnsignedShort(batch.tagSeenCount(i)));
      tag.setTagSeenCount(p);
    }
    if (batch.has(i, TagField.C1G2_PC)) {
      C1G2_PC p = new C1G2_PC();
      p.setPC_Bits(new UnsignedShort((int) batch.value(i, TagField.C1G2_PC)));
      tag.addToAirProtocolTagDataList(p);
    }
    if (batch.has(i, TagField.C1G2_CRC)) {
      C1G2_CRC p = new C1G2_CRC();
      p.setCRC(new UnsignedShort((int) batch.value(i, TagField.C1G2_CRC)));
      tag.addToAirProtocolTagDataList(p);
    }
    if (batch.has(i, TagField.ACCESS_SPEC_ID)) {
      AccessSpecID p = new AccessSpecID();
      p.setAccessSpecID(new UnsignedInteger(batch.accessSpecId(i)));
      tag.setAccessSpecID(p);
    }
  }

  private static Custom custom(int n) {
    Custom custom = new Custom();
    custom.setVendorIdentifier(new UnsignedInteger(25882));
    custom.setParameterSubtype(new UnsignedInteger(n));
    custom.setData(new BytesToEnd_HEX(n % 2 == 0 ? "" : "C0FFEE"));
    return custom;
  }
}
