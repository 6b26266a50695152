package io.tagflow.sim.reader.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.tagflow.protocol.llrp.ReportContent;
import io.tagflow.protocol.llrp.RoAccessReportEncoder;
import io.tagflow.protocol.llrp.TagField;
import io.tagflow.protocol.llrp.TagReportBatch;
import io.tagflow.sim.reader.TagSource;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.llrp.ltk.generated.enumerations.AISpecStopTriggerType;
import org.llrp.ltk.generated.enumerations.ROReportTriggerType;
import org.llrp.ltk.generated.enumerations.ROSpecStopTriggerType;
import org.llrp.ltk.generated.interfaces.AirProtocolEPCMemorySelector;
import org.llrp.ltk.generated.interfaces.SpecParameter;
import org.llrp.ltk.generated.parameters.AISpec;
import org.llrp.ltk.generated.parameters.C1G2EPCMemorySelector;
import org.llrp.ltk.generated.parameters.ROReportSpec;
import org.llrp.ltk.generated.parameters.ROSpec;
import org.llrp.ltk.generated.parameters.TagReportContentSelector;
import org.llrp.ltk.types.Bit;
import org.llrp.ltk.types.UnsignedShort;

/**
 * Runs the active ROSpec of one connection: an inventory round every {@code round} on the event loop,
 * tags from the {@link TagSource}, and RO_ACCESS_REPORTs as the ROReportSpec asks (LLRP 1.1 §13.2.1):
 * after every N tags, at the end of each AISpec (its Duration stop trigger; the AISpec then loops
 * while the ROSpec runs) or of the ROSpec, or only on GET_REPORT for trigger None. Each tag carries
 * the fields the TagReportContentSelector enables, written by the hot-path encoder.
 *
 * <p>Tags wait in a reused {@link TagReportBatch}; nothing is allocated per tag.
 */
public final class InventoryEngine implements RoSpecRegistry.Listener {
  private final ChannelHandlerContext ctx;
  private final TagSource source;
  private final InstantSource clock;
  private final Duration round;
  private final int antennaCount;
  private final int version;
  private final int reportEveryTagsOverride;
  private final LongSupplier messageIds;
  private final Runnable specEnded;
  private TagReportBatch pending = new TagReportBatch();
  private TagReportBatch spare = new TagReportBatch();
  private ROReportSpec defaultReportSpec;
  private ROSpec running;
  private int[] antennas = new int[0];
  private long roSpecId;
  private int inventoryParameterSpecId;
  private int trigger = ROReportTriggerType.Upon_N_Tags_Or_End_Of_AISpec;
  private int everyN;
  private RoAccessReportEncoder encoder = new RoAccessReportEncoder(ReportContent.none());
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();

  /**
   * @param reportEveryTagsOverride 0, or N &gt; 0 to report after every N tags whatever the client's
   *     ROReportSpec says (see {@link io.tagflow.sim.reader.SimulatedReaderOptions#reportEveryTags()})
   * @param specEnded called when the running spec stops by its own Duration stop trigger
   */
  public InventoryEngine(ChannelHandlerContext ctx, TagSource source, InstantSource clock, Duration round, int antennaCount,
                         int version, int reportEveryTagsOverride, LongSupplier messageIds, Runnable specEnded) {
    this.ctx = ctx;
    this.source = source;
    this.clock = clock;
    this.round = round;
    this.antennaCount = antennaCount;
    this.version = version;
    this.reportEveryTagsOverride = reportEveryTagsOverride;
    this.messageIds = messageIds;
    this.specEnded = specEnded;
  }

  /** The ROReportSpec of SET_READER_CONFIG, used by ROSpecs that carry none. */
  public void defaultReportSpec(ROReportSpec spec) {
    this.defaultReportSpec = spec;
  }

  public ROSpec running() {
    return running;
  }

  @Override
  public void activated(ROSpec spec) {
    running = spec;
    roSpecId = spec.getROSpecID().toLong();
    AISpec aiSpec = firstAiSpec(spec);
    antennas = antennaIds(aiSpec);
    inventoryParameterSpecId = aiSpec == null || aiSpec.getInventoryParameterSpecList().isEmpty() ? 0
        : aiSpec.getInventoryParameterSpecList().get(0).getInventoryParameterSpecID().intValue();
    ROReportSpec report = spec.getROReportSpec() != null ? spec.getROReportSpec() : defaultReportSpec;
    if (report != null) {
      trigger = report.getROReportTrigger().intValue();
      everyN = report.getN().intValue();
      encoder = new RoAccessReportEncoder(content(report.getTagReportContentSelector()));
    }
    if (reportEveryTagsOverride > 0 && trigger != ROReportTriggerType.None) {
      everyN = reportEveryTagsOverride;
    }
    long roundMillis = round.toMillis();
    timers.add(ctx.executor().scheduleAtFixedRate(this::round, roundMillis, roundMillis, TimeUnit.MILLISECONDS));
    if (aiSpec != null && aiSpec.getAISpecStopTrigger().getAISpecStopTriggerType().intValue() == AISpecStopTriggerType.Duration) {
      long aiMillis = Math.max(1, aiSpec.getAISpecStopTrigger().getDurationTrigger().toLong());
      timers.add(ctx.executor().scheduleAtFixedRate(this::endOfAiSpec, aiMillis, aiMillis, TimeUnit.MILLISECONDS));
    }
    var stop = spec.getROBoundarySpec().getROSpecStopTrigger();
    if (stop.getROSpecStopTriggerType().intValue() == ROSpecStopTriggerType.Duration) {
      timers.add(ctx.executor().schedule(specEnded, Math.max(1, stop.getDurationTriggerValue().toLong()), TimeUnit.MILLISECONDS));
    }
  }

  @Override
  public void deactivated(ROSpec spec) {
    timers.forEach(t -> t.cancel(false));
    timers.clear();
    running = null;
    if (trigger != ROReportTriggerType.None) {
      flush(); // the end of the ROSpec is also the end of its AISpec
    }
  }

  /** GET_REPORT (LLRP 1.1 §13.1.1): everything waiting, now, even when that is nothing. */
  public void getReport() {
    send(0, pending.size());
    pending.clear();
  }

  /** Stops timers when the connection goes away; nothing is sent. */
  public void close() {
    timers.forEach(t -> t.cancel(false));
    timers.clear();
    running = null;
  }

  /**
   * One inventory round on every antenna of the AISpec. A failing tag source is a bug in the scene:
   * it goes to the pipeline's exception handling, which closes the client connection.
   */
  void round() {
    try {
      inventoryRound();
    } catch (RuntimeException e) {
      close();
      ctx.pipeline().fireExceptionCaught(e);
    }
  }

  private void inventoryRound() {
    long nowMicros = micros(clock.instant());
    for (int antenna : antennas) {
      int first = pending.size();
      source.inventoryRound(nowMicros, antenna, pending);
      for (int i = first; i < pending.size(); i++) {
        pending.set(i, TagField.ANTENNA_ID, antenna);
        pending.set(i, TagField.RO_SPEC_ID, roSpecId);
        pending.set(i, TagField.SPEC_INDEX, 1);
        pending.set(i, TagField.INVENTORY_PARAMETER_SPEC_ID, inventoryParameterSpecId);
        pending.set(i, TagField.CHANNEL_INDEX, 1);
        pending.set(i, TagField.FIRST_SEEN_TIMESTAMP_UTC, nowMicros);
        pending.set(i, TagField.LAST_SEEN_TIMESTAMP_UTC, nowMicros);
        pending.set(i, TagField.TAG_SEEN_COUNT, 1);
      }
    }
    if (trigger == ROReportTriggerType.None || everyN == 0) {
      return;
    }
    int from = 0;
    while (pending.size() - from >= everyN) {
      send(from, from + everyN);
      from += everyN;
    }
    if (from > 0) {
      // Keep the tags after the last full report: copy them to the spare batch and swap.
      spare.clear();
      for (int i = from; i < pending.size(); i++) {
        spare.addFrom(pending, i);
      }
      TagReportBatch swap = pending;
      pending = spare;
      spare = swap;
      spare.clear();
    }
  }

  void endOfAiSpec() {
    if (trigger == ROReportTriggerType.Upon_N_Tags_Or_End_Of_AISpec) {
      flush();
    }
  }

  private void flush() {
    if (!pending.isEmpty()) {
      send(0, pending.size());
      pending.clear();
    }
  }

  private void send(int from, int to) {
    ByteBuf out = ctx.alloc().buffer((int) encoder.encodedLength(pending, from, to));
    encoder.encode(pending, from, to, version, messageIds.getAsLong(), out);
    ctx.writeAndFlush(out, ctx.voidPromise());
  }

  private int[] antennaIds(AISpec aiSpec) {
    if (aiSpec == null || aiSpec.getAntennaIDs() == null) {
      return new int[0];
    }
    List<Integer> ids = new ArrayList<>();
    for (int k = 0; k < aiSpec.getAntennaIDs().size(); k++) {
      UnsignedShort id = aiSpec.getAntennaIDs().get(k);
      if (id.intValue() == 0) { // 0 = every antenna of the reader (LLRP 1.1 §10.2.2)
        ids.clear();
        for (int a = 1; a <= antennaCount; a++) {
          ids.add(a);
        }
        break;
      }
      ids.add(id.intValue());
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  private static AISpec firstAiSpec(ROSpec spec) {
    for (SpecParameter parameter : spec.getSpecParameterList()) {
      if (parameter instanceof AISpec aiSpec) {
        return aiSpec;
      }
    }
    return null;
  }

  /** The fields a TagReportContentSelector enables; timestamps are reported in UTC. */
  static ReportContent content(TagReportContentSelector selector) {
    if (selector == null) {
      return ReportContent.none();
    }
    List<TagField> fields = new ArrayList<>();
    add(fields, selector.getEnableROSpecID(), TagField.RO_SPEC_ID);
    add(fields, selector.getEnableSpecIndex(), TagField.SPEC_INDEX);
    add(fields, selector.getEnableInventoryParameterSpecID(), TagField.INVENTORY_PARAMETER_SPEC_ID);
    add(fields, selector.getEnableAntennaID(), TagField.ANTENNA_ID);
    add(fields, selector.getEnablePeakRSSI(), TagField.PEAK_RSSI);
    add(fields, selector.getEnableChannelIndex(), TagField.CHANNEL_INDEX);
    add(fields, selector.getEnableFirstSeenTimestamp(), TagField.FIRST_SEEN_TIMESTAMP_UTC);
    add(fields, selector.getEnableLastSeenTimestamp(), TagField.LAST_SEEN_TIMESTAMP_UTC);
    add(fields, selector.getEnableTagSeenCount(), TagField.TAG_SEEN_COUNT);
    add(fields, selector.getEnableAccessSpecID(), TagField.ACCESS_SPEC_ID);
    for (AirProtocolEPCMemorySelector memory : selector.getAirProtocolEPCMemorySelectorList()) {
      if (memory instanceof C1G2EPCMemorySelector c1g2) {
        add(fields, c1g2.getEnableCRC(), TagField.C1G2_CRC);
        add(fields, c1g2.getEnablePCBits(), TagField.C1G2_PC);
      }
    }
    return ReportContent.of(fields);
  }

  private static void add(List<TagField> fields, Bit bit, TagField field) {
    if (bit != null && bit.intValue() == 1) {
      fields.add(field);
    }
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}
