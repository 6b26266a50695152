package io.tagflow.gateway.pipeline;

import io.tagflow.gateway.pipeline.internal.PipelineCore;
import io.tagflow.gateway.pipeline.internal.ReadPoints;
import io.tagflow.gateway.pipeline.internal.StageCounters;
import io.tagflow.protocol.llrp.TagReportBatch;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway's read filter: tag reads in, {@link MovementDecision}s, {@link LocationDecision}s and
 * {@link StagedDecision}s out through a {@link DecisionListener}.
 *
 * <p>Six stages, each explained in its class comment in {@code internal}: admission (EPC patterns,
 * minimum RSSI), smoothing (arrival and departure per read point), portal (direction of one tag's
 * passage through a door from both sides' evidence), zone (bin by strongest smoothed RSSI with
 * margin and hold-off), grouping (crossings at a door into one movement per passage, held while
 * tags that arrived with it still pass) and arbitration (one door per passage: movements sharing
 * tags are resolved by the summed evidence of the shared tags).
 *
 * <p>Threading: not thread-safe. One thread (a reader connection's event loop, or a single
 * consumer of all readers) calls {@code onRead}, {@code onBatch} and {@code tick}; listener calls
 * happen on it. Time: read order and passage evidence use the readers' timestamps; timeouts,
 * hold-offs and decision times use the injected clock, read once per call. {@link #tick()} must be
 * called regularly (every 100-250 ms): departures and all decisions happen there.
 *
 * <p>Memory is bounded by {@link FilterSettings#maxTags()}; tags absent everywhere for {@link
 * FilterSettings#tagRetention()} are forgotten (a returning tag then gets a fresh bin decision).
 */
public final class TagPipeline {
  private final InstantSource clock;
  private final ReadPoints readPoints;
  private final PipelineCore core;
  private final FilterSettings settings;

  private TagPipeline(Builder b) {
    this.clock = b.clock;
    this.readPoints = b.readPoints;
    this.settings = b.settings;
    this.core = new PipelineCore(b.readPoints, b.settings, b.include, b.exclude, b.listener);
  }

  public static Builder builder() {
    return new Builder();
  }

  private long nowMicros() {
    return clock.millis() * 1000L;
  }

  /**
   * One read, as primitives; allocates nothing once the tag is known.
   *
   * @param epcHigh EPC bits 95..32
   * @param epcLow EPC bits 31..0
   * @param timestampMicros the reader's timestamp, microseconds since the Unix epoch
   */
  public void onRead(String readerId, int antennaId, long epcHigh, int epcLow, double peakRssiDbm,
                     long timestampMicros) {
    core.read(readPoints.ports(readerId), antennaId, epcHigh, epcLow, peakRssiDbm,
        timestampMicros, nowMicros());
  }

  /** One read as a value. */
  public void onRead(TagRead read) {
    onRead(read.readerId(), read.antennaId(), read.epc().high(), read.epc().low(),
        read.peakRssiDbm(), read.timestampMicros());
  }

  /**
   * Every tag of one RO_ACCESS_REPORT from {@code readerId}, without allocating per tag. Tags with a
   * non-96-bit EPC or without PeakRSSI are skipped and counted in {@link #drops()}. The batch is
   * not kept: the caller may clear and reuse it on return.
   */
  public void onBatch(String readerId, TagReportBatch batch) {
    core.batch(readPoints.ports(readerId), batch, nowMicros());
  }

  /** Runs the time-driven work; call every 100-250 ms. */
  public void tick() {
    core.tick(nowMicros());
  }

  /**
   * Decides and emits every movement still being grouped, as at shutdown: crossings already judged
   * are not lost. Passages still in progress (tags still at a door) are not judged. Call it once,
   * after the last read and tick.
   */
  public void flush() {
    core.flush(nowMicros());
  }

  /** In/out counts per stage, in pipeline order. */
  public List<StageCount> stageCounts() {
    return core.counters().stream().map(StageCounters::snapshot).toList();
  }

  /** Dropped reads and decisions by reason (unmapped antenna, weak, pattern, table full, ...). */
  public Map<String, Long> drops() {
    return core.drops();
  }

  /** Tags currently tracked. */
  public int trackedTags() {
    return core.trackedTags();
  }

  public FilterSettings settings() {
    return settings;
  }

  /** The stages' live counters, for metrics binding. */
  List<StageCounters> liveCounters() {
    return core.counters();
  }

  /**
   * Assembles a pipeline and validates it: {@link #build()} throws {@link
   * IllegalArgumentException} naming what is wrong.
   */
  public static final class Builder {
    private FilterSettings settings = FilterSettings.defaults();
    private InstantSource clock;
    private DecisionListener listener;
    private final ReadPoints readPoints = new ReadPoints();
    private final List<EpcPattern> include = new ArrayList<>();
    private final List<EpcPattern> exclude = new ArrayList<>();
    private int mapped;

    private Builder() {
    }

    public Builder settings(FilterSettings settings) {
      this.settings = settings;
      return this;
    }

    /** The gateway clock; tests pass a fake one. */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    public Builder listener(DecisionListener listener) {
      this.listener = listener;
      return this;
    }

    /** Maps an antenna (LLRP AntennaID, 1..64) to a read point. */
    public Builder readPoint(String readerId, int antennaId, ReadPoint point) {
      return readPoint(readerId, antennaId, point, Double.NaN);
    }

    /** Maps an antenna with its own minimum RSSI (dBm) instead of the global one. */
    public Builder readPoint(String readerId, int antennaId, ReadPoint point, double minRssiDbm) {
      if (readerId == null || readerId.isBlank()) {
        throw new IllegalArgumentException("readerId must not be blank");
      }
      if (!Double.isNaN(minRssiDbm) && !(minRssiDbm >= -128 && minRssiDbm <= 20)) {
        throw new IllegalArgumentException("minRssiDbm of antenna " + readerId + "/" + antennaId
            + " must be between -128 and 20 dBm, was " + minRssiDbm);
      }
      readPoints.map(readerId, antennaId, point, minRssiDbm);
      mapped++;
      return this;
    }

    /** Only EPCs matching one of the include patterns are admitted (none: all are). */
    public Builder include(EpcPattern pattern) {
      include.add(pattern);
      return this;
    }

    /** EPCs matching an exclude pattern are dropped. */
    public Builder exclude(EpcPattern pattern) {
      exclude.add(pattern);
      return this;
    }

    public TagPipeline build() {
      if (settings == null) {
        throw new IllegalArgumentException("settings must be set");
      }
      if (clock == null) {
        throw new IllegalArgumentException("clock must be set");
      }
      if (listener == null) {
        throw new IllegalArgumentException("listener must be set");
      }
      if (mapped == 0) {
        throw new IllegalArgumentException("readPoints must map at least one antenna");
      }
      String incomplete = readPoints.incompleteDoor();
      if (incomplete != null) {
        throw new IllegalArgumentException("readPoints: " + incomplete);
      }
      return new TagPipeline(this);
    }
  }
}
