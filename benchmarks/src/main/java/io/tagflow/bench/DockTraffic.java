package io.tagflow.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tagflow.gateway.pipeline.ReadPoint;
import io.tagflow.gateway.pipeline.Side;
import io.tagflow.gateway.pipeline.TagPipeline;
import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.EpcEncoder;
import io.tagflow.protocol.llrp.ReportContent;
import io.tagflow.protocol.llrp.RoAccessReportEncoder;
import io.tagflow.protocol.llrp.TagField;
import io.tagflow.protocol.llrp.TagReportBatch;
import java.util.SplittableRandom;

/**
 * Synthetic dock traffic as the gateway receives it: real RO_ACCESS_REPORT bytes (encoded once, up
 * front, by tagflow's encoder) from many readers, in steps of {@link #STEP_MILLIS} of reader time.
 *
 * <p>Each reader watches one door with a portal (port 1 outside, port 2 inside) and two zone
 * antennas (ports 3 and 4) over bins behind it. Per reader and step: {@value #DWELLERS} cases
 * dwell in the bins (heard by both zone antennas, the nearer one louder), {@value #STAGED} staged
 * cases next to the door are heard weakly by the inside antenna every other step, and every
 * {@value #CYCLE_STEPS} steps a pallet ({@value #PALLET_TAGS} tags: one SSCC-96 and its cases'
 * SGTIN-96) crosses the door, in alternating directions, over {@value #CROSSING_STEPS} steps: first
 * loud on its origin side and faint on the other, then the reverse. Readers are staggered so
 * crossings are spread over time. RSSI carries seeded noise.
 */
final class DockTraffic {
  static final long STEP_MILLIS = 100;
  static final int DWELLERS = 10;
  static final int STAGED = 4;
  static final int PALLET_TAGS = 16;
  static final int CYCLE_STEPS = 25;
  static final int CROSSING_STEPS = 10;
  static final long START_MICROS = 1_795_249_800_000_000L;

  final int readers;
  final int steps;
  /** All reports, step-major: report of reader r at step s is {@code s * readers + r}. */
  final ByteBuf bytes;
  final int[] offsets;
  final int[] lengths;
  final long reads;

  private DockTraffic(int readers, int steps, ByteBuf bytes, int[] offsets, int[] lengths, long reads) {
    this.readers = readers;
    this.steps = steps;
    this.bytes = bytes;
    this.offsets = offsets;
    this.lengths = lengths;
    this.reads = reads;
  }

  static String readerId(int r) {
    return "R" + r;
  }

  /** Encodes {@code steps} steps of {@code readers} readers' reports into one direct buffer. */
  static DockTraffic generate(int readers, int steps, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ReportContent content = ReportContent.of(TagField.ANTENNA_ID, TagField.PEAK_RSSI, TagField.CHANNEL_INDEX,
        TagField.LAST_SEEN_TIMESTAMP_UTC, TagField.TAG_SEEN_COUNT);
    RoAccessReportEncoder encoder = new RoAccessReportEncoder(content);
    ByteBuf heap = Unpooled.buffer(readers * steps * 800);
    int[] offsets = new int[readers * steps];
    int[] lengths = new int[readers * steps];
    TagReportBatch batch = new TagReportBatch(64);
    long reads = 0;
    long messageId = 1;
    for (int s = 0; s < steps; s++) {
      long t = START_MICROS + s * STEP_MILLIS * 1000;
      for (int r = 0; r < readers; r++) {
        batch.clear();
        for (int d = 0; d < DWELLERS; d++) {
          Epc96 e = EpcEncoder.sgtin96(1, "0614141", "812345", (long) r * 1000 + d);
          int near = 3 + d % 2;
          add(batch, e, near, -52 + noise(random), t, random);
          add(batch, e, 7 - near, -66 + noise(random), t, random);
        }
        if (s % 2 == 0) {
          for (int k = 0; k < STAGED; k++) {
            add(batch, EpcEncoder.sgtin96(1, "0614141", "812346", (long) r * 1000 + k), 2,
                -71 + noise(random), t, random);
          }
        }
        int phase = (s + r) % CYCLE_STEPS;
        if (phase < CROSSING_STEPS) {
          int pallet = (s + r) / CYCLE_STEPS;
          boolean in = (pallet + r) % 2 == 0;
          boolean firstHalf = phase < CROSSING_STEPS / 2;
          int loud = (in == firstHalf) ? 1 : 2;
          for (int k = 0; k < PALLET_TAGS; k++) {
            Epc96 e = k == 0
                ? EpcEncoder.sscc96(0, "0614141", String.format("%010d", (long) r * 10_000 + pallet))
                : EpcEncoder.sgtin96(1, "0614141", "812347", ((long) r * 10_000 + pallet) * 100 + k);
            add(batch, e, loud, -48 + noise(random), t, random);
            if (random.nextInt(3) == 0) {
              add(batch, e, 3 - loud, -63 + noise(random), t, random);
            }
          }
        }
        int i = s * readers + r;
        offsets[i] = heap.writerIndex();
        encoder.encode(batch, 2, messageId++, heap);
        lengths[i] = heap.writerIndex() - offsets[i];
        reads += batch.size();
      }
    }
    ByteBuf direct = Unpooled.directBuffer(heap.readableBytes());
    direct.writeBytes(heap);
    return new DockTraffic(readers, steps, direct, offsets, lengths, reads);
  }

  private static int noise(SplittableRandom random) {
    return random.nextInt(7) - 3;
  }

  private static void add(TagReportBatch batch, Epc96 e, int antenna, int rssi, long t, SplittableRandom random) {
    int k = batch.addEpc96(e.high(), e.low());
    batch.set(k, TagField.ANTENNA_ID, antenna)
        .set(k, TagField.PEAK_RSSI, rssi)
        .set(k, TagField.CHANNEL_INDEX, 1 + random.nextInt(50))
        .set(k, TagField.LAST_SEEN_TIMESTAMP_UTC, t + random.nextInt((int) (STEP_MILLIS * 1000)))
        .set(k, TagField.TAG_SEEN_COUNT, 1);
  }

  /** The read points of every reader: door D{r} portal on ports 1-2, bins on ports 3-4. */
  static TagPipeline.Builder readPoints(TagPipeline.Builder b, int readers) {
    for (int r = 0; r < readers; r++) {
      String id = readerId(r);
      b.readPoint(id, 1, ReadPoint.door("D" + r, Side.OUTSIDE))
          .readPoint(id, 2, ReadPoint.door("D" + r, Side.INSIDE))
          .readPoint(id, 3, ReadPoint.zone("B" + r + "-1"))
          .readPoint(id, 4, ReadPoint.zone("B" + r + "-2"));
    }
    return b;
  }
}
