package io.tagflow.protocol.llrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the RO_ACCESS_REPORT path: valid reports are mutated (bit flips, byte
 * changes, truncation, length-field edits, splicing, insertions) and run through
 * {@link LlrpFrameDecoder} in an {@link EmbeddedChannel} with random split points, then through
 * {@link RoAccessReportDecoder}, and also straight into the decoder with a consistent header.
 * Every decode is compared with the decoder's general path alone, which must give the same tags
 * or the same error (message and offset): the learned-layout fast path is checked on every case.
 *
 * <p>The only allowed failure modes are {@link LlrpFrameError} and {@link LlrpDecodeException};
 * every buffer must be released, and the batch must stay within what the largest frame can
 * describe. Cases: system property {@code tagflow.fuzz.cases} (default 100000). The run is seeded:
 * {@code -Dtagflow.fuzz.seed=N} replays a run, and a failure names its case seed and input.
 */
class RoAccessReportFuzzTest {
  private static final int MAX_FRAME = 16 * 1024;
  /** Smallest TagReportData (4-byte header and EPC-96) bounds the tags one frame can hold. */
  private static final int MAX_TAGS = MAX_FRAME / 17 + 1;
  private static final int[] INTERESTING = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0xF0, 0x8D, 0x0D, 0xF1, 0x03, 0xFE};

  private final RoAccessReportDecoder decoder = new RoAccessReportDecoder();
  private final TagReportBatch batch = new TagReportBatch(4);
  private final RoAccessReportDecoder generalOnly = new RoAccessReportDecoder(false);
  private final TagReportBatch reference = new TagReportBatch(4);
  private long decoded;
  private long decodeErrors;
  private long frameErrors;

  @Test
  void mutatedReports_failOnlyWithDecodeErrors_andReleaseEveryBuffer() {
    int cases = Integer.getInteger("tagflow.fuzz.cases", 100_000);
    long seed = Long.getLong("tagflow.fuzz.seed", new SplittableRandom().nextLong());
    System.out.printf("RoAccessReportFuzzTest: %d cases, seed %d (replay with -Dtagflow.fuzz.seed=%d)%n", cases, seed, seed);
    List<byte[]> corpus = corpus(new SplittableRandom(seed));

    // A hang (a decoder loop that never advances) trips this bound. It only catches hangs, so it is
    // far above any honest run: 100000 cases take about 3 s on an idle core, 35 s on a saturated one,
    // and went past 100 s at a load average of 35 on 2 shared cores.
    Duration bound = Duration.ofSeconds(Math.max(600, cases / 100));
    Assertions.assertTimeoutPreemptively(bound, () -> {
      long started = System.nanoTime();
      for (int c = 0; c < cases; c++) {
        long caseSeed = seed + c * 0x9E3779B97F4A7C15L;
        byte[] input = null;
        try {
          SplittableRandom random = new SplittableRandom(caseSeed);
          input = mutate(corpus, random);
          runThroughPipeline(input, random);
          decodeDirectly(input);
        } catch (Throwable t) {
          fail("fuzz case " + c + " (case seed " + caseSeed + ", run seed " + seed + ") failed on input "
              + (input == null ? "?" : HexFormat.of().formatHex(input)) + ": " + t, t);
        }
        if ((c + 1) % 25_000 == 0) {
          System.out.printf("  %d cases, %d s%n", c + 1, (System.nanoTime() - started) / 1_000_000_000L);
        }
      }
    }, () -> "fuzz run with seed " + seed + " exceeded its time bound");

    System.out.printf("  decoded %d, decode errors %d, frame errors %d%n", decoded, decodeErrors, frameErrors);
    if (cases >= 1000) {
      assertThat(decoded).as("mutations that still decode").isPositive();
      assertThat(decodeErrors).as("mutations the report decoder rejects").isPositive();
      assertThat(frameErrors).as("mutations the frame decoder rejects").isPositive();
    }
    assertThat(batch.tagCapacity()).isLessThanOrEqualTo(2 * MAX_TAGS);
    assertThat(batch.epcByteCapacity()).isLessThanOrEqualTo(2 * MAX_FRAME);
  }

  private void runThroughPipeline(byte[] input, SplittableRandom random) {
    EmbeddedChannel channel = new EmbeddedChannel(new LlrpFrameDecoder(MAX_FRAME));
    List<ByteBuf> written = new ArrayList<>();
    List<LlrpFrame> frames = new ArrayList<>();
    int p = 0;
    while (p < input.length) {
      int n = 1 + random.nextInt(Math.min(input.length - p, random.nextBoolean() ? 8 : 256));
      ByteBuf chunk = Unpooled.wrappedBuffer(input, p, n);
      written.add(chunk);
      channel.writeInbound(chunk);
      drain(channel, frames);
      p += n;
    }
    channel.finish();
    drain(channel, frames);
    // Frames are slices sharing the cumulation's count, so they reach zero once the channel is done.
    for (ByteBuf buf : written) {
      assertThat(buf.refCnt()).as("input buffer refCnt").isZero();
    }
    for (LlrpFrame frame : frames) {
      assertThat(frame.refCnt()).as("frame refCnt").isZero();
    }
  }

  private void drain(EmbeddedChannel channel, List<LlrpFrame> frames) {
    for (Object o; (o = channel.readInbound()) != null; ) {
      if (o instanceof LlrpFrameError) {
        frameErrors++;
      } else {
        LlrpFrame frame = (LlrpFrame) o;
        frames.add(frame);
        try {
          if (frame.type() == LlrpMessageType.RO_ACCESS_REPORT.code()) {
            decode(frame.content(), frame.content().readerIndex(), frame.content().readableBytes());
          }
        } finally {
          frame.release();
        }
      }
    }
  }

  /** The decoder on its own, with the header length made consistent so it reaches the body. */
  private void decodeDirectly(byte[] input) {
    byte[] message = input.clone();
    if (message.length >= LlrpFrame.HEADER_LENGTH) {
      Unpooled.wrappedBuffer(message).setInt(2, message.length);
    }
    decode(Unpooled.wrappedBuffer(message), 0, message.length);
  }

  /**
   * Decodes with the decoder under test and, as the reference, with the general path alone (no
   * learned tag layout): both must give the same tags or the same error.
   */
  private void decode(ByteBuf buf, int index, int length) {
    LlrpDecodeException expectedError = null;
    try {
      generalOnly.decode(buf, index, length, reference);
    } catch (LlrpDecodeException e) {
      expectedError = e;
    }
    try {
      int tags = decoder.decode(buf, index, length, batch);
      assertThat(expectedError).as("error of the general path").isNull();
      assertThat(tags).isEqualTo(batch.size()).isLessThanOrEqualTo(MAX_TAGS);
      for (int i = 0; i < tags; i++) {
        assertThat(batch.epcByteLength(i)).isLessThanOrEqualTo(length);
      }
      if (!sameTags(batch, reference)) {
        LtkReports.assertSameTags(batch, reference); // names the difference
      }
      decoded++;
    } catch (LlrpDecodeException e) {
      assertThat(e.offset()).isBetween(0, length);
      assertThat(batch.size()).isZero();
      assertThat(expectedError).as("error of the general path").isNotNull();
      if (!e.getMessage().equals(expectedError.getMessage()) || e.offset() != expectedError.offset()) {
        assertThat(e.toString()).isEqualTo(expectedError.toString()); // toString has reason and offset
      }
      decodeErrors++;
    }
  }

  /** The comparison of {@link LtkReports#assertSameTags} without assertion objects: this runs 100,000 times. */
  private static boolean sameTags(TagReportBatch a, TagReportBatch b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.epcBitLength(i) != b.epcBitLength(i) || a.presenceMask(i) != b.presenceMask(i)) {
        return false;
      }
      for (int k = 0; k < a.epcByteLength(i); k++) {
        if (a.epcByte(i, k) != b.epcByte(i, k)) {
          return false;
        }
      }
      for (TagField field : TagField.values()) {
        if (a.valueOr(i, field, 0) != b.valueOr(i, field, 0)) {
          return false;
        }
      }
    }
    return true;
  }

  private static byte[] mutate(List<byte[]> corpus, SplittableRandom random) {
    byte[] data = corpus.get(random.nextInt(corpus.size())).clone();
    int rounds = 1 + random.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      data = switch (random.nextInt(7)) {
        case 0 -> flipBits(data, random);
        case 1 -> setByte(data, random);
        case 2 -> Arrays.copyOf(data, random.nextInt(data.length + 1));
        case 3 -> editLength(data, random);
        case 4 -> splice(data, corpus.get(random.nextInt(corpus.size())), random);
        case 5 -> insert(data, random);
        default -> fixHeaderLength(data);
      };
    }
    return data;
  }

  private static byte[] flipBits(byte[] data, SplittableRandom random) {
    for (int k = 1 + random.nextInt(8); k > 0 && data.length > 0; k--) {
      data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
    }
    return data;
  }

  private static byte[] setByte(byte[] data, SplittableRandom random) {
    if (data.length > 0) {
      data[random.nextInt(data.length)] = (byte) (random.nextBoolean()
          ? INTERESTING[random.nextInt(INTERESTING.length)] : random.nextInt(256));
    }
    return data;
  }

  /** Rewrites a 16-bit length at an even offset past the header (TLV lengths live there) or the header length. */
  private static byte[] editLength(byte[] data, SplittableRandom random) {
    if (data.length < LlrpFrame.HEADER_LENGTH + 4) {
      return data;
    }
    int value = switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> 0xFFFF;
      case 2 -> random.nextInt(8);
      default -> random.nextInt(data.length + 16);
    };
    if (random.nextInt(4) == 0) {
      Unpooled.wrappedBuffer(data).setInt(2, random.nextBoolean() ? value : random.nextInt());
    } else {
      int at = LlrpFrame.HEADER_LENGTH + 2 + random.nextInt(data.length - LlrpFrame.HEADER_LENGTH - 3);
      data[at] = (byte) (value >>> 8);
      data[at + 1] = (byte) value;
    }
    return data;
  }

  private static byte[] splice(byte[] a, byte[] b, SplittableRandom random) {
    int cutA = random.nextInt(a.length + 1);
    int cutB = random.nextInt(b.length + 1);
    byte[] out = Arrays.copyOf(a, cutA + b.length - cutB);
    System.arraycopy(b, cutB, out, cutA, b.length - cutB);
    return out;
  }

  private static byte[] insert(byte[] data, SplittableRandom random) {
    int at = random.nextInt(data.length + 1);
    byte[] extra = new byte[1 + random.nextInt(16)];
    for (int k = 0; k < extra.length; k++) {
      extra[k] = (byte) random.nextInt(256);
    }
    byte[] out = new byte[data.length + extra.length];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(extra, 0, out, at, extra.length);
    System.arraycopy(data, at, out, at + extra.length, data.length - at);
    return out;
  }

  private static byte[] fixHeaderLength(byte[] data) {
    if (data.length >= LlrpFrame.HEADER_LENGTH) {
      Unpooled.wrappedBuffer(data).setInt(2, data.length);
    }
    return data;
  }

  /** A fixed reader's report: 2 to 20 tags, each with an EPC-96 and the same fields. */
  private static byte[] uniformReport(SplittableRandom random) {
    TagReportBatch source = new TagReportBatch();
    int mask = random.nextInt(1 << TagField.COUNT);
    for (int t = 2 + random.nextInt(19); t > 0; t--) {
      int i = source.addEpc96(random.nextLong(), random.nextInt());
      for (TagField field : TagField.values()) {
        if ((mask & field.bit()) != 0) {
          source.set(i, field, RoAccessReportLtkPropertyTest.fit(field, random.nextLong()));
        }
      }
    }
    ByteBuf out = Unpooled.buffer();
    new RoAccessReportEncoder(ReportContent.all()).encode(source, 2, 1, out);
    return ByteBufUtil.getBytes(out);
  }

  /**
   * A fixed reader's report with EPCData: 2 to 20 tags, each with an EPC of one bit length and the
   * same fields; Custom parameters inside each tag when {@code k} is odd.
   */
  private static byte[] uniformEpcDataReport(SplittableRandom random, int k) {
    TagReportBatch source = new TagReportBatch();
    int mask = random.nextInt(1 << TagField.COUNT);
    int bits = 1 + random.nextInt(140);
    byte[] epc = new byte[(bits + 7) / 8];
    for (int t = 2 + random.nextInt(19); t > 0; t--) {
      random.nextBytes(epc);
      int i = source.addTag(epc, 0, bits);
      for (TagField field : TagField.values()) {
        if ((mask & field.bit()) != 0) {
          source.set(i, field, RoAccessReportLtkPropertyTest.fit(field, random.nextLong()));
        }
      }
    }
    return LtkReports.encode(LtkReports.toLtk(source, false, 1 + (k & 1), k, k & 1, 0));
  }

  /** Valid reports: the hand-written fixtures, encoder output of several shapes, and LTK output. */
  private static List<byte[]> corpus(SplittableRandom random) {
    List<byte[]> corpus = new ArrayList<>();
    corpus.add(LlrpFrames.bytes(LlrpFrames.FX9600_ONE_TAG));
    corpus.add(LlrpFrames.bytes(LlrpFrames.EPC_DATA_128));
    corpus.add(LlrpFrames.bytes(LlrpFrames.WITH_CUSTOM));
    for (int k = 0; k < 8; k++) {
      corpus.add(uniformReport(random));
      corpus.add(uniformEpcDataReport(random, k));
    }
    for (int k = 0; k < 24; k++) {
      TagReportBatch source = new TagReportBatch();
      for (int t = random.nextInt(6); t >= 0; t--) {
        int bits = random.nextBoolean() ? 96 : 1 + random.nextInt(256);
        byte[] epc = new byte[(bits + 7) / 8];
        random.nextBytes(epc);
        int i = source.addTag(epc, 0, bits);
        for (TagField field : TagField.values()) {
          if (random.nextBoolean()) {
            source.set(i, field, RoAccessReportLtkPropertyTest.fit(field, random.nextLong()));
          }
        }
      }
      ReportContent content = random.nextBoolean() ? ReportContent.all() : ReportContent.all().withEpc96(false);
      if (k % 3 == 0) {
        byte[] ltk = LtkReports.encode(LtkReports.toLtk(source, content.epc96(), 2, k, 1, 1));
        corpus.add(RoAccessReportLtkPropertyTest.insertCustoms(ltk, List.of(1)));
      } else {
        ByteBuf out = Unpooled.buffer();
        new RoAccessReportEncoder(content).encode(source, 1 + (k & 1), k, out);
        corpus.add(ByteBufUtil.getBytes(out));
      }
    }
    return corpus;
  }
}
