package io.tagflow.protocol.llrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Differential tests against the LLRP Toolkit, the reference implementation: what LTK encodes we
 * decode to the same tags, and what we encode LTK decodes to the same tags.
 *
 * <p>LTK's {@code UnsignedLong} cannot encode values at or above 2^63 (it writes garbage), so the
 * generated 64-bit timestamps stay below that; our own round trip covers the full range.
 */
class RoAccessReportLtkPropertyTest {
  private final RoAccessReportDecoder decoder = new RoAccessReportDecoder();
  private final RoAccessReportEncoder allFields = new RoAccessReportEncoder(ReportContent.all());

  /** One generated tag: EPC bits and bytes, fields present, and a raw value per field. */
  record TagSpec(int bits, byte[] epc, int mask, long[] raw) {
  }

  @Property(tries = 300)
  void ltkEncoded_decodesToSameTags(@ForAll("tagLists") List<TagSpec> tags,
                                    @ForAll boolean epc96, @ForAll @IntRange(min = 1, max = 2) int version,
                                    @ForAll @IntRange(min = 0, max = 2) int customsPerTag,
                                    @ForAll @IntRange(min = 0, max = 2) int customsAtEnd,
                                    @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 12) Integer> customsBetween) {
    TagReportBatch source = batch(tags);
    byte[] ltk = LtkReports.encode(LtkReports.toLtk(source, epc96, version, 77, customsPerTag, customsAtEnd));
    byte[] message = insertCustoms(ltk, customsBetween);
    TagReportBatch decoded = new TagReportBatch(1);

    assertThat(decoder.decode(Unpooled.wrappedBuffer(message), 0, message.length, decoded)).isEqualTo(tags.size());

    LtkReports.assertSameTags(decoded, source);
  }

  @Property(tries = 300)
  void ourEncoded_ltkDecodesToSameTags(@ForAll("tagLists") List<TagSpec> tags,
                                       @ForAll("contents") ReportContent content,
                                       @ForAll @IntRange(min = 1, max = 2) int version) {
    TagReportBatch source = batch(tags);
    ByteBuf out = Unpooled.buffer();
    new RoAccessReportEncoder(content).encode(source, version, 0xFFFF_FFFEL, out);
    byte[] message = new byte[out.readableBytes()];
    out.readBytes(message);

    var ltk = LtkReports.decode(message);

    assertThat(ltk.getMessageID().toLong()).isEqualTo(0xFFFF_FFFEL);
    assertThat(ltk.getVersion().intValue()).isEqualTo(version);
    LtkReports.assertSameTags(LtkReports.fromLtk(ltk), LtkReports.select(source, content));
  }

  /**
   * A fixed reader's shape: every tag has an EPC-96 and the same fields, so all but the last tag
   * of a report go through the decoder's learned layout; the second decode starts with the layout
   * the first one learned.
   */
  @Property(tries = 300)
  void uniformTags_ltkEncoded_decodeToSameTags(@ForAll("tagLists") List<TagSpec> tags,
                                               @ForAll @IntRange(min = 0, max = (1 << 14) - 1) int mask,
                                               @ForAll @Size(max = 3) List<@IntRange(min = 0, max = 12) Integer> customsBetween) {
    TagReportBatch source = batch(tags.stream().map(t -> new TagSpec(96, t.epc(), mask, t.raw())).toList());
    byte[] message = insertCustoms(LtkReports.encode(LtkReports.toLtk(source, true, 2, 5, 0, 0)), customsBetween);
    TagReportBatch decoded = new TagReportBatch(1);

    for (int round = 0; round < 2; round++) {
      assertThat(decoder.decode(Unpooled.wrappedBuffer(message), 0, message.length, decoded)).isEqualTo(tags.size());
      LtkReports.assertSameTags(decoded, source);
    }
  }

  /**
   * The learned layout beyond EPC-96: every tag has an EPCData of one bit length (any, 1 to 496)
   * and the same fields, with Custom parameters inside each TagReportData.
   */
  @Property(tries = 300)
  void uniformEpcDataTags_withCustomsInside_decodeToSameTags(@ForAll("tagLists") List<TagSpec> tags,
                                                             @ForAll @IntRange(min = 1, max = 496) int bits,
                                                             @ForAll @IntRange(min = 0, max = (1 << 14) - 1) int mask,
                                                             @ForAll @IntRange(min = 0, max = 2) int customsPerTag) {
    TagReportBatch source = batch(tags.stream().map(t -> new TagSpec(bits, t.epc(), mask, t.raw())).toList());
    byte[] message = LtkReports.encode(LtkReports.toLtk(source, false, 1, 6, customsPerTag, 1));
    TagReportBatch decoded = new TagReportBatch(1);

    for (int round = 0; round < 2; round++) {
      assertThat(decoder.decode(Unpooled.wrappedBuffer(message), 0, message.length, decoded)).isEqualTo(tags.size());
      LtkReports.assertSameTags(decoded, source);
    }
  }

  @Example
  void everyFieldCombination_agreesWithLtkBothWays() {
    int combinations = 1 << TagField.COUNT;
    TagReportBatch source = new TagReportBatch();
    TagReportBatch decoded = new TagReportBatch();
    for (int mask = 0; mask < combinations; mask++) {
      int i = source.addEpc96(0x3008_33B2_DDD9_0140L + mask, mask);
      for (TagField field : TagField.values()) {
        if ((mask & field.bit()) != 0) {
          source.set(i, field, fit(field, mask * 0x9E37_79B9_7F4A_7C15L + field.ordinal()));
        }
      }
      if (source.size() == 512 || mask == combinations - 1) {
        byte[] ltk = LtkReports.encode(LtkReports.toLtk(source, true, 2, mask, 0, 0));
        decoder.decode(Unpooled.wrappedBuffer(ltk), 0, ltk.length, decoded);
        LtkReports.assertSameTags(decoded, source);

        ByteBuf ours = Unpooled.buffer();
        allFields.encode(source, 2, mask, ours);
        assertThat(ByteBufUtilBytes.of(ours)).as("our encoding equals LTK's").isEqualTo(ltk);
        source.clear();
      }
    }
  }

  @Provide
  Arbitrary<List<TagSpec>> tagLists() {
    return tags().list().ofMaxSize(12);
  }

  Arbitrary<TagSpec> tags() {
    Arbitrary<Integer> bits = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.of(96, 128, 256, 496)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 496)));
    Arbitrary<byte[]> epc = Arbitraries.bytes().array(byte[].class).ofSize(62);
    Arbitrary<Integer> mask = Arbitraries.integers().between(0, (1 << TagField.COUNT) - 1);
    Arbitrary<long[]> raw = Arbitraries.longs().array(long[].class).ofSize(TagField.COUNT);
    return Combinators.combine(bits, epc, mask, raw).as((b, e, m, r) -> new TagSpec(b, e, m, r));
  }

  @Provide
  Arbitrary<ReportContent> contents() {
    return Combinators.combine(Arbitraries.integers().between(0, (1 << TagField.COUNT) - 1), Arbitraries.of(true, false))
        .as((mask, epc96) -> {
          ReportContent content = ReportContent.none().withEpc96(epc96);
          for (TagField field : TagField.values()) {
            if ((mask & field.bit()) != 0) {
              content = content.with(field);
            }
          }
          return content;
        });
  }

  static TagReportBatch batch(List<TagSpec> tags) {
    TagReportBatch batch = new TagReportBatch(1);
    for (TagSpec tag : tags) {
      byte[] epc = Arrays.copyOf(tag.epc(), (tag.bits() + 7) / 8);
      if (tag.bits() % 8 != 0) {
        epc[epc.length - 1] &= (byte) (0xFF << (8 - tag.bits() % 8)); // pad bits are zero on the wire
      }
      int i = batch.addTag(epc, 0, tag.bits());
      for (TagField field : TagField.values()) {
        if ((tag.mask() & field.bit()) != 0) {
          batch.set(i, field, fit(field, tag.raw()[field.ordinal()]));
        }
      }
    }
    return batch;
  }

  /** Maps any long onto the field's wire range (u64 kept below 2^63 for LTK, see the class doc). */
  static long fit(TagField field, long raw) {
    return switch (field.valueLength()) {
      case 1 -> (byte) raw;
      case 2 -> raw & 0xFFFF;
      case 4 -> raw & 0xFFFF_FFFFL;
      default -> raw & Long.MAX_VALUE;
    };
  }

  /** Inserts a Custom parameter before each given TagReportData index (clamped), fixing the length. */
  static byte[] insertCustoms(byte[] message, List<Integer> positions) {
    ByteBuf out = Unpooled.buffer();
    out.writeBytes(message, 0, LlrpFrame.HEADER_LENGTH);
    int p = LlrpFrame.HEADER_LENGTH;
    int tlvIndex = 0;
    while (true) {
      for (int position : positions) {
        if (position == tlvIndex || (p == message.length && position > tlvIndex)) {
          out.writeShort(1023).writeShort(14).writeInt(161).writeInt(position).writeShort(0xBEEF);
        }
      }
      if (p == message.length) {
        break;
      }
      int length = ((message[p + 2] & 0xFF) << 8) | (message[p + 3] & 0xFF);
      out.writeBytes(message, p, length);
      p += length;
      tlvIndex++;
    }
    out.setInt(2, out.readableBytes());
    return ByteBufUtilBytes.of(out);
  }

  /** Readable bytes of a buffer as an array. */
  static final class ByteBufUtilBytes {
    static byte[] of(ByteBuf buf) {
      return io.netty.buffer.ByteBufUtil.getBytes(buf);
    }
  }
}
