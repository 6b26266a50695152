package io.tagflow.protocol.epc;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Property tests: every valid identity survives encode then decode; decode never throws. */
class EpcRoundTripTest {

  @Property
  void sgtin_encodeThenDecode_isIdentity(@ForAll("sgtins") Sgtin sgtin) {
    Epc96 epc = EpcEncoder.encode(sgtin);

    assertThat(EpcDecoder.decode(epc)).isEqualTo(sgtin);
    assertThat(EpcDecoder.companyPrefixKey(epc.high(), epc.low()))
        .isEqualTo(EpcDecoder.companyPrefixKey(EpcScheme.SGTIN_96, sgtin.companyPrefix()));
  }

  @Property
  void sscc_encodeThenDecode_isIdentity(@ForAll("ssccs") Sscc sscc) {
    assertThat(EpcDecoder.decode(EpcEncoder.encode(sscc))).isEqualTo(sscc);
  }

  @Property
  void anyBits_decode_neverThrowsAndValidOnesReencodeExactly(@ForAll long high, @ForAll int low) {
    Epc96 epc = new Epc96(high, low);

    EpcIdentity id = EpcDecoder.decode(epc);

    if (id instanceof RawEpc) {
      assertThat(id.uri()).isEqualTo("urn:epc:raw:96.x" + epc.toHex());
    } else {
      assertThat(EpcEncoder.encode(id)).isEqualTo(epc);
    }
  }

  @Property
  void knownHeader_decodeThenEncode_givesSameBits(@ForAll int header, @ForAll long high,
                                                  @ForAll int low) {
    // Force a header among the six schemes and a valid partition, then check bits survive.
    int scheme = 0x30 + Math.floorMod(header, 6);
    long h = (high & 0x00E3_FFFF_FFFF_FFFFL) | ((long) scheme << 56)
        | ((long) Math.floorMod(header >> 3, 7) << 50);
    Epc96 epc = new Epc96(h, low);

    EpcIdentity id = EpcDecoder.decode(epc);

    if (!(id instanceof RawEpc)) {
      assertThat(EpcEncoder.encode(id)).isEqualTo(epc);
    }
  }

  @Provide
  Arbitrary<Sgtin> sgtins() {
    return Arbitraries.integers().between(6, 12).flatMap(len -> Combinators.combine(
        Arbitraries.integers().between(0, 7),
        Arbitraries.strings().numeric().ofLength(len),
        Arbitraries.strings().numeric().ofLength(13 - len),
        Arbitraries.longs().between(0, (1L << 38) - 1)).as(Sgtin::new));
  }

  @Provide
  Arbitrary<Sscc> ssccs() {
    return Arbitraries.integers().between(6, 12).flatMap(len -> Combinators.combine(
        Arbitraries.integers().between(0, 7),
        Arbitraries.strings().numeric().ofLength(len),
        Arbitraries.strings().numeric().ofLength(17 - len)).as(Sscc::new));
  }
}
