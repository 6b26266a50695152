package io.tagflow.protocol.llrp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/**
 * Shared LLRP byte fixtures for the protocol tests, written as commented hex, and helpers to turn
 * hex into buffers and frames. Comments run from {@code #} to the end of a line.
 */
final class LlrpFrames {
  private LlrpFrames() {
  }

  /**
   * A one-tag RO_ACCESS_REPORT as a Zebra FX9600 sends it with the default report content plus
   * ChannelIndex, LastSeenTimestampUTC and TagSeenCount: 42 bytes.
   */
  static final String FX9600_ONE_TAG = """
      04 3d                  # reserved 0, version 1 (LLRP 1.0.1), type 61 RO_ACCESS_REPORT
      00 00 00 2a            # message length 42
      00 00 0b b8            # message id 3000
      00 f0 00 20            # TagReportData (240), length 32
        8d                   #   EPC-96 (TV 13)
        30 08 33 b2 dd d9 01 40 00 00 00 01   # SGTIN-96 EPC
        87 00 07             #   ChannelIndex (TV 7) = 7
        84 00 06 60 c5 2a 9e 94 40   # LastSeenTimestampUTC (TV 4) = 1795249800123456 us
        88 00 03             #   TagSeenCount (TV 8) = 3
      """;

  /** FX9600_ONE_TAG's LastSeenTimestampUTC. */
  static final long FX9600_LAST_SEEN_UTC = 0x000660C52A9E9440L;

  /**
   * A two-tag LLRP 1.1 report: a 128-bit EPC in EPCData, with AntennaID, PeakRSSI and
   * FirstSeenTimestampUptime; and an EPC-96 tag with AntennaID only.
   */
  static final String EPC_DATA_128 = """
      08 3d                  # version 2 (LLRP 1.1), type 61
      00 00 00 46            # message length 70
      00 00 00 07            # message id 7
      00 f0 00 28            # TagReportData, length 40
        00 f1 00 16          #   EPCData (241), length 22
        00 80                #     EPCLengthBits 128
        e2 80 11 60 60 00 02 09 a5 1f 3c 5d 00 00 00 2a   # 16 EPC bytes
        81 00 02             #   AntennaID (TV 1) = 2
        86 c4                #   PeakRSSI (TV 6) = -60 dBm
        83 00 00 00 00 00 0f 42 40   # FirstSeenTimestampUptime (TV 3) = 1000000 us
      00 f0 00 14            # TagReportData, length 20
        8d 30 14 00 00 00 00 00 00 00 00 00 63   # EPC-96
        81 00 01             #   AntennaID = 1
      """;

  /**
   * One tag whose TagReportData holds a Custom parameter and a C1G2 XPC word (TV 19, skipped), with
   * a Custom parameter and an RFSurveyReportData between TagReportData, then a second tag.
   */
  static final String WITH_CUSTOM = """
      08 3d                  # version 2, type 61
      00 00 00 5e            # message length 94
      00 00 00 2a            # message id 42
      00 f0 00 29            # TagReportData, length 41
        8d 30 08 33 b2 dd d9 01 40 00 00 00 05   # EPC-96
        83 00 00 00 00 00 00 00 10   # FirstSeenTimestampUptime = 16  (TV 3)
        93 12 34             #   C1G2XPCW1 (TV 19, LLRP 1.1) = 0x1234, skipped
        03 ff 00 0c          #   Custom (1023), length 12
          00 00 65 1a        #     vendor 25882 (Impinj)
          00 00 00 38        #     subtype 56
      03 ff 00 0e            # Custom between TagReportData, length 14
        00 00 00 a1          #   vendor 161
        00 00 00 01          #   subtype 1
        de ad                #   data
      00 f2 00 04            # RFSurveyReportData (242), empty, skipped
      00 f0 00 19            # TagReportData, length 25
        8d 30 08 33 b2 dd d9 01 40 00 00 00 06   # EPC-96
        81 00 04             #   AntennaID = 4
        88 00 01             #   TagSeenCount = 1
        86 d0                #   PeakRSSI = -48
      """;

  /** Bytes of commented hex. */
  static byte[] bytes(String commentedHex) {
    StringBuilder hex = new StringBuilder();
    for (String line : commentedHex.split("\n")) {
      int hash = line.indexOf('#');
      hex.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
    }
    return HexFormat.of().parseHex(hex);
  }

  /** A heap buffer holding commented hex. */
  static ByteBuf buf(String commentedHex) {
    return Unpooled.wrappedBuffer(bytes(commentedHex));
  }

  /** A frame around a whole message, as {@link LlrpFrameDecoder} would emit it. */
  static LlrpFrame frame(byte[] message) {
    ByteBuf content = Unpooled.wrappedBuffer(message);
    int first = content.getUnsignedShort(0);
    return new LlrpFrame((first >>> 10) & 7, first & 0x3FF, content.getUnsignedInt(6), content);
  }

  static LlrpFrame frame(String commentedHex) {
    return frame(bytes(commentedHex));
  }
}
