package io.tagflow.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.tagflow.protocol.llrp.ReportContent;
import io.tagflow.protocol.llrp.RoAccessReportDecoder;
import io.tagflow.protocol.llrp.RoAccessReportEncoder;
import io.tagflow.protocol.llrp.TagField;
import io.tagflow.protocol.llrp.TagReportBatch;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.llrp.ltk.generated.LLRPMessageFactory;
import org.llrp.ltk.generated.messages.RO_ACCESS_REPORT;
import org.llrp.ltk.generated.parameters.EPC_96;
import org.llrp.ltk.generated.parameters.TagReportData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Decoding one 100-tag RO_ACCESS_REPORT (EPC-96, AntennaID, PeakRSSI, ChannelIndex,
 * LastSeenTimestampUTC, TagSeenCount per tag, as a fixed reader sends it) and reading every tag:
 * tagflow's {@link RoAccessReportDecoder} from a pooled direct buffer, as the gateway receives it,
 * against the LLRP Toolkit parsing the same bytes into its object tree. One operation is one
 * report of {@value #TAGS} tags, in one thread; the message is built and copied into its buffer
 * once per trial, so an operation is the decode and the reads and nothing else, and each method
 * returns a value computed from what it decoded, which JMH consumes. {@link #tagflowDecodeOnly}
 * leaves out the reads.
 *
 * <p>Run it with {@code ./tagflow bench decode} (see {@link DecodeBench}), or directly:
 * {@code ./mvnw -B -o -q -DskipTests package -pl benchmarks -am} then
 * {@code java -jar benchmarks/target/tagflow-benchmarks-*-all.jar decode}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RoAccessReportDecodeBenchmark {
  /** Tags in the benchmark report. */
  public static final int TAGS = 100;

  private final RoAccessReportDecoder decoder = new RoAccessReportDecoder();
  private final TagReportBatch batch = new TagReportBatch();
  private ByteBuf message;
  private int length;
  private byte[] bytes;

  @Setup(Level.Trial)
  public void setUp() {
    bytes = report();
    length = bytes.length;
    message = PooledByteBufAllocator.DEFAULT.directBuffer(length);
    message.writeBytes(bytes);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    message.release();
  }

  /**
   * tagflow, decoding only: the report into the reused batch. The batch is state of this object,
   * so its stores are visible outside the method and cannot be eliminated.
   */
  @Benchmark
  public int tagflowDecodeOnly() {
    return decoder.decode(message, 0, length, batch);
  }

  /** tagflow: decode into the reused batch, then read every field of every tag. */
  @Benchmark
  public long tagflow() {
    int n = decoder.decode(message, 0, length, batch);
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += batch.epcWord(i, 0) ^ batch.epcWord(i, 1);
      sum += batch.antennaId(i) + batch.peakRssi(i) + batch.channelIndex(i) + batch.tagSeenCount(i);
      sum += batch.lastSeenTimestampUtc(i);
    }
    return sum;
  }

  /** LLRP Toolkit: parse the same bytes, then read every field of every tag. */
  @Benchmark
  public long ltk() throws Exception {
    RO_ACCESS_REPORT report = (RO_ACCESS_REPORT) LLRPMessageFactory.createLLRPMessage(bytes);
    long sum = 0;
    for (TagReportData tag : report.getTagReportDataList()) {
      sum += ((EPC_96) tag.getEPCParameter()).getEPC().hashCode();
      sum += tag.getAntennaID().getAntennaID().intValue() + tag.getPeakRSSI().getPeakRSSI().intValue()
          + tag.getChannelIndex().getChannelIndex().intValue() + tag.getTagSeenCount().getTagCount().intValue();
      sum += tag.getLastSeenTimestampUTC().getMicroseconds().toLong();
    }
    return sum;
  }

  /** The benchmark report, encoded by tagflow's encoder (byte-for-byte what LTK encodes, see the tests). */
  static byte[] report() {
    SplittableRandom random = new SplittableRandom(42);
    TagReportBatch tags = new TagReportBatch(TAGS);
    long now = 1_795_249_800_000_000L;
    for (int t = 0; t < TAGS; t++) {
      int i = tags.addEpc96(0x3008_33B2_DDD9_0140L, random.nextInt());
      tags.set(i, TagField.ANTENNA_ID, 1 + random.nextInt(4))
          .set(i, TagField.PEAK_RSSI, -30 - random.nextInt(50))
          .set(i, TagField.CHANNEL_INDEX, 1 + random.nextInt(50))
          .set(i, TagField.LAST_SEEN_TIMESTAMP_UTC, now + random.nextInt(1_000_000))
          .set(i, TagField.TAG_SEEN_COUNT, 1 + random.nextInt(20));
    }
    ReportContent content = ReportContent.of(TagField.ANTENNA_ID, TagField.PEAK_RSSI, TagField.CHANNEL_INDEX,
        TagField.LAST_SEEN_TIMESTAMP_UTC, TagField.TAG_SEEN_COUNT);
    ByteBuf out = io.netty.buffer.Unpooled.buffer();
    new RoAccessReportEncoder(content).encode(tags, 2, 1, out);
    return ByteBufUtil.getBytes(out);
  }
}
