package io.tagflow.protocol.epc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Decoding against the examples printed in GS1 EPC TDS 1.13. Where the spec gives no binary example
 * (every scheme but SGTIN-96), the expected bits are assembled here field by field from the coding
 * table, independently of the decoder's own bit reader.
 */
class EpcDecoderTest {

  /** 96 bits from (value, width) pairs, most significant first, using BigInteger as the oracle. */
  private static Epc96 bits(long... valueWidthPairs) {
    BigInteger acc = BigInteger.ZERO;
    int total = 0;
    for (int i = 0; i < valueWidthPairs.length; i += 2) {
      int width = (int) valueWidthPairs[i + 1];
      acc = acc.shiftLeft(width).or(BigInteger.valueOf(valueWidthPairs[i]));
      total += width;
    }
    assertThat(total).as("fixture width").isEqualTo(96);
    String hex = String.format("%024X", acc);
    return Epc96.fromHex(hex);
  }

  @Test
  void decode_tdsAnnexSgtin96Example_givesPureIdentityTagUriAndGtin() {
    // TDS Annex E: urn:epc:tag:sgtin-96:3.0614141.812345.6789 encodes to 3074257BF7194E4000001A85.
    // 30 header | 011 filter 3 | 101 partition 5 (7-digit prefix, 24 bits) | 0614141 | 812345 | 6789
    Sgtin sgtin = (Sgtin) EpcDecoder.decode(Epc96.fromHex("3074257BF7194E4000001A85"));

    assertThat(sgtin.uri()).isEqualTo("urn:epc:id:sgtin:0614141.812345.6789");
    assertThat(sgtin.tagUri()).isEqualTo("urn:epc:tag:sgtin-96:3.0614141.812345.6789");
    assertThat(sgtin.filter()).isEqualTo(3);
    assertThat(sgtin.companyPrefix()).isEqualTo("0614141");
    assertThat(sgtin.itemReference()).isEqualTo("812345");
    assertThat(sgtin.serial()).isEqualTo(6789);
    // TDS §7.1: indicator 8 moves to the front; check digit by GS1 mod 10.
    assertThat(sgtin.gtin()).isEqualTo("80614141123458");
  }

  @Test
  void encode_tdsAnnexSgtin96Example_givesSpecHex() {
    assertThat(EpcEncoder.sgtin96(3, "0614141", "812345", 6789).toHex())
        .isEqualTo("3074257BF7194E4000001A85");
  }

  @Test
  void decode_sscc96_matchesCodingTableAndTdsSscc18Example() {
    // TDS §6.3.2: urn:epc:id:sscc:0614141.1234567890 is SSCC 106141412345678908.
    // Partition 5 = 7-digit prefix in 24 bits, serial reference (10 digits) in 34 bits.
    Epc96 epc = bits(0x31, 8, 2, 3, 5, 3, 614141, 24, 1234567890L, 34, 0, 24);

    Sscc sscc = (Sscc) EpcDecoder.decode(epc);

    assertThat(sscc.uri()).isEqualTo("urn:epc:id:sscc:0614141.1234567890");
    assertThat(sscc.sscc()).isEqualTo("106141412345678908");
    assertThat(sscc.filter()).isEqualTo(2);
    assertThat(EpcEncoder.sscc96(2, "0614141", "1234567890")).isEqualTo(epc);
  }

  @Test
  void decode_sscc96ThirdPartyVector_agrees() {
    // Cross-check (not from the spec): the epctagcoder README pairs 31AC16465751CCD0C2000000 with
    // urn:epc:tag:sscc-96:5.023356789.30200002 (partition 3, 9-digit prefix).
    Sscc sscc = (Sscc) EpcDecoder.decode(Epc96.fromHex("31AC16465751CCD0C2000000"));

    assertThat(sscc.tagUri()).isEqualTo("urn:epc:tag:sscc-96:5.023356789.30200002");
  }

  @Test
  void decode_sgln96_tdsExampleUri() {
    // TDS §6.3.3 example urn:epc:id:sgln:0614141.12345.400 (partition 5: 24 + 17 bits, 41-bit ext).
    Sgln sgln = (Sgln) EpcDecoder.decode(bits(0x32, 8, 1, 3, 5, 3, 614141, 24, 12345, 17, 400, 41));

    assertThat(sgln.uri()).isEqualTo("urn:epc:id:sgln:0614141.12345.400");
    assertThat(sgln.gln()).isEqualTo("0614141123452");
  }

  @Test
  void decode_grai96_tdsExampleUri() {
    // TDS §6.3.4 example urn:epc:id:grai:0614141.12345.400 (partition 5: 24 + 20 bits, 38 serial).
    EpcIdentity id = EpcDecoder.decode(bits(0x33, 8, 1, 3, 5, 3, 614141, 24, 12345, 20, 400, 38));

    assertThat(id.uri()).isEqualTo("urn:epc:id:grai:0614141.12345.400");
  }

  @Test
  void decode_giai96_tdsExampleUri() {
    // TDS §6.3.5 example urn:epc:id:giai:0614141.12345400 (partition 5: 24 + 58 bits).
    EpcIdentity id = EpcDecoder.decode(bits(0x34, 8, 1, 3, 5, 3, 614141, 24, 12345400, 58));

    assertThat(id.uri()).isEqualTo("urn:epc:id:giai:0614141.12345400");
  }

  @Test
  void decode_gid96_tdsExampleUri() {
    // TDS §6.3.8 example urn:epc:id:gid:95100000.12345.400 (28 + 24 + 36 bits).
    EpcIdentity id = EpcDecoder.decode(bits(0x35, 8, 95100000, 28, 12345, 24, 400, 36));

    assertThat(id.uri()).isEqualTo("urn:epc:id:gid:95100000.12345.400");
    assertThat(id.filter()).isEqualTo(-1);
  }

  @Test
  void decode_tdsExampleIdentitiesAsEncodedByAnIndependentTdtEngine_agree() {
    // Cross-check, not spec text: a TDT engine's test suite pairs the TDS §6.3 example identities,
    // filter 0, with these raw hex values; the GLN (414)0614141123452 appears there too.
    assertThat(EpcDecoder.decode(Epc96.fromHex("3214257BF460720000000190")).uri())
        .isEqualTo("urn:epc:id:sgln:0614141.12345.400");
    assertThat(EpcDecoder.decode(Epc96.fromHex("3314257BF40C0E4000000190")).uri())
        .isEqualTo("urn:epc:id:grai:0614141.12345.400");
    assertThat(EpcDecoder.decode(Epc96.fromHex("3414257BF400000000BC6038")).uri())
        .isEqualTo("urn:epc:id:giai:0614141.12345400");
    assertThat(EpcDecoder.decode(Epc96.fromHex("355AB1C60003039000000190")).uri())
        .isEqualTo("urn:epc:id:gid:95100000.12345.400");
    assertThat(((Sgln) EpcDecoder.decode(Epc96.fromHex("3214257BF460720000000190"))).gln())
        .isEqualTo("0614141123452");
  }

  @Test
  void decode_twelveDigitPrefix_locationReferenceIsEmpty() {
    Sgln sgln = (Sgln) EpcDecoder.decode(bits(0x32, 8, 0, 3, 0, 3, 123456789012L, 40, 0, 1, 7, 41));

    assertThat(sgln.uri()).isEqualTo("urn:epc:id:sgln:123456789012..7");
  }

  @Test
  void decode_unknownHeader_passesThroughAsRawUri() {
    Epc96 epc = Epc96.fromHex("E2801160600002054C2D4C2B");

    EpcIdentity id = EpcDecoder.decode(epc);

    assertThat(id).isEqualTo(new RawEpc(epc));
    assertThat(id.uri()).isEqualTo("urn:epc:raw:96.xE2801160600002054C2D4C2B");
    assertThat(id.scheme()).isNull();
  }

  @Test
  void decode_partitionSeven_isRaw() {
    Epc96 epc = bits(0x30, 8, 1, 3, 7, 3, 0, 44, 0, 38);

    assertThat(EpcDecoder.decode(epc)).isInstanceOf(RawEpc.class);
    assertThat(EpcDecoder.companyPrefixKey(epc.high(), epc.low())).isEqualTo(-1);
  }

  @Test
  void decode_prefixOutOfDecimalRange_isRaw() {
    // Partition 5 gives the prefix 24 bits (max 16777215) but 7 digits (max 9999999).
    Epc96 epc = bits(0x30, 8, 1, 3, 5, 3, 10_000_000, 24, 1, 20, 1, 38);

    assertThat(EpcDecoder.decode(epc)).isInstanceOf(RawEpc.class);
  }

  @Test
  void decode_ssccWithNonZeroReservedBits_isRaw() {
    Epc96 epc = bits(0x31, 8, 2, 3, 5, 3, 614141, 24, 1234567890L, 34, 1, 24);

    assertThat(EpcDecoder.decode(epc)).isInstanceOf(RawEpc.class);
  }

  @Test
  void companyPrefixKey_fastPath_matchesKeyOfPrefixString() {
    Epc96 epc = Epc96.fromHex("3074257BF7194E4000001A85");

    assertThat(EpcDecoder.scheme(epc.high())).isEqualTo(EpcScheme.SGTIN_96);
    assertThat(EpcDecoder.companyPrefixKey(epc.high(), epc.low()))
        .isEqualTo(EpcDecoder.companyPrefixKey(EpcScheme.SGTIN_96, "0614141"))
        .isNotEqualTo(EpcDecoder.companyPrefixKey(EpcScheme.SGTIN_96, "00614141"));
  }

  @Test
  void encoder_badFields_rejectedWithFieldName() {
    assertThatThrownBy(() -> EpcEncoder.sgtin96(3, "0614141", "81234", 1))
        .hasMessageContaining("itemReference");
    assertThatThrownBy(() -> EpcEncoder.sgtin96(8, "0614141", "812345", 1))
        .hasMessageContaining("filter");
    assertThatThrownBy(() -> EpcEncoder.sgtin96(3, "0614141", "812345", 1L << 38))
        .hasMessageContaining("serial");
    assertThatThrownBy(() -> EpcEncoder.sscc96(0, "06141x1", "1234567890"))
        .hasMessageContaining("companyPrefix");
  }

  @Test
  void epc96_hexAndBytes_roundTrip() {
    Epc96 epc = Epc96.fromHex("3074257bf7194e4000001a85");

    assertThat(Epc96.fromBytes(epc.toBytes(), 0)).isEqualTo(epc);
    assertThat(epc.toHex()).isEqualTo("3074257BF7194E4000001A85");
    assertThat(epc.header()).isEqualTo(0x30);
    assertThatThrownBy(() -> Epc96.fromHex("3074")).hasMessageContaining("24 hex digits");
  }
}
