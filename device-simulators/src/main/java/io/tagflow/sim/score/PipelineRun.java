package io.tagflow.sim.score;

import io.tagflow.gateway.pipeline.DecisionListener;
import io.tagflow.gateway.pipeline.DecisionMapper;
import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.gateway.pipeline.LocationDecision;
import io.tagflow.gateway.pipeline.MovementDecision;
import io.tagflow.gateway.pipeline.ReadPoint;
import io.tagflow.gateway.pipeline.Side;
import io.tagflow.gateway.pipeline.StagedDecision;
import io.tagflow.gateway.pipeline.TagPipeline;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.sim.physics.ReadSink;
import io.tagflow.sim.physics.Scene;
import io.tagflow.sim.scenario.Antenna;
import io.tagflow.sim.scenario.Bin;
import io.tagflow.sim.scenario.Door;
import io.tagflow.sim.scenario.Zone;
import io.tagflow.sim.truth.BinPlacement;
import io.tagflow.sim.truth.GroundTruth;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Runs a scene's reads through the gateway's real filter pipeline in-process, on the scene's virtual
 * clock, and collects the contract events it would publish: an hour of dock traffic in seconds, for
 * tuning filter settings and reader power at a desk ({@code sim tune}) and for scoring.
 *
 * <p>Read points: door antennas map to their door and side; a zone antenna maps to the bin nearest
 * below it (the pipeline locates a tag in the zone read point that hears it best). Reads reach the
 * pipeline reader after reader in steps of {@link #STEP_MICROS}, so reads of different readers may
 * be up to one step out of order; the pipeline is ticked after every step.
 *
 * <p>The end of a run: the scene is <em>not</em> switched off at the scoring horizon, because every
 * tag going silent at once looks to the pipeline like every tag leaving every door at that instant
 * (a pallet staged for the whole run would end its passage there and be judged). Instead the scene
 * keeps running for {@link #SETTLE_MICROS} past the horizon, so passages that cross before it are
 * decided on real reads, and then the pipeline is {@linkplain TagPipeline#flush() flushed} as a
 * gateway is at shutdown: movements already grouped are emitted, passages still in progress are
 * not judged. {@link Result#score} scores the truth up to the horizon only (see {@link
 * Scorer#score(GroundTruth, ObservedEvents, Instant)} for the rule at the boundary).
 */
public final class PipelineRun {
  /** The pipeline asks for a tick every 100-250 ms. */
  public static final long STEP_MICROS = 100_000;
  /**
   * How long the scene keeps running past the scoring horizon: longer than the slowest decision the
   * default settings make (a pallet dwelling by the door up to {@code dwellLimit}, then the
   * absence timeout and the quiet gap).
   */
  public static final long SETTLE_MICROS = 60_000_000;
  /** How often (virtual time) {@link #run(long, LongConsumer)} reports progress: every 10 minutes. */
  public static final long PROGRESS_MICROS = 600_000_000;

  private final Scene scene;
  private final FilterSettings settings;

  public PipelineRun(Scene scene, FilterSettings settings) {
    this.scene = scene;
    this.settings = settings;
  }

  /**
   * What the pipeline published, plus its per-stage counts for the report.
   *
   * @param truth the scorable truth up to the end of the run (horizon plus settling time)
   * @param horizon the end of the scored time: truth and events after it are not scored
   */
  public record Result(List<MovementEvent> movements, List<LocationEvent> locations, long reads, String stages,
                       GroundTruth truth, Instant horizon) {
    /** The scorer's view of the events. */
    public ObservedEvents observed() {
      return new ObservedEvents(movements.stream().map(ObservedMovement::of).toList(),
          locations.stream().map(ObservedLocation::of).toList(), 0);
    }

    /** The events scored against the truth up to the horizon. */
    public ScoreReport score(Scorer scorer) {
      return scorer.score(truth, observed(), horizon);
    }
  }

  /**
   * Runs the scene from its reader's current time to {@code untilMicros} (the scoring horizon), then
   * {@link #SETTLE_MICROS} further, then flushes the pipeline.
   */
  public Result run(long untilMicros) {
    return run(untilMicros, t -> { });
  }

  /**
   * {@link #run(long)}, telling {@code progress} the virtual time reached (micros since the scene's
   * start) every {@link #PROGRESS_MICROS}: long runs take minutes.
   */
  public Result run(long untilMicros, LongConsumer progress) {
    return run(untilMicros, progress, null);
  }

  /**
   * {@link #run(long, LongConsumer)}, also handing every read of the scene to {@code tap} (when not
   * null) before the pipeline sees it: diagnostics that show the evidence behind a finding.
   */
  public Result run(long untilMicros, LongConsumer progress, ReadSink tap) {
    VirtualClock clock = new VirtualClock(scene.start());
    DecisionMapper mapper = new DecisionMapper(scene.scenario().site(), "sim-gateway", new EventIds(clock));
    List<MovementEvent> movements = new ArrayList<>();
    List<LocationEvent> locations = new ArrayList<>();
    TagPipeline.Builder b = TagPipeline.builder().settings(settings).clock(clock)
        .listener(new DecisionListener() {
          @Override
          public void onMovement(MovementDecision movement) {
            movements.add(mapper.toEvent(movement));
          }

          @Override
          public void onLocationChanged(LocationDecision location) {
            locations.add(mapper.toEvent(location));
          }

          @Override
          public void onTagStaged(StagedDecision staged) {
            // Not an event of the contract (v1); nothing to score.
          }
        });
    mapReadPoints(b);
    TagPipeline pipeline = b.build();
    String[] ids = scene.readers().stream().map(r -> r.id()).toArray(String[]::new);
    long startMicros = clock.startMicros;
    long[] reads = new long[1];
    ReadSink sink = (r, port, hi, lo, rssi, t) -> {
      reads[0]++;
      if (tap != null) {
        tap.onRead(r, port, hi, lo, rssi, t);
      }
      pipeline.onRead(ids[r], port, hi, lo, rssi, startMicros + t);
    };
    long endMicros = untilMicros + SETTLE_MICROS;
    for (long t = STEP_MICROS; t <= endMicros; t += STEP_MICROS) {
      scene.advanceTo(t, sink);
      clock.virtualMicros = t;
      pipeline.tick();
      if (t % PROGRESS_MICROS == 0) {
        progress.accept(t);
      }
    }
    pipeline.flush();
    return new Result(movements, locations, reads[0], pipeline.stageCounts().toString(),
        scorableTruth(scene, endMicros), scene.start().plusNanos(untilMicros * 1000));
  }

  /**
   * The truth a pipeline run can be scored on: events up to {@code untilMicros}, and placements only
   * into bins of zones that have antennas (a gateway cannot locate what no antenna covers).
   */
  public static GroundTruth scorableTruth(Scene scene, long untilMicros) {
    java.util.Set<String> covered = new java.util.HashSet<>();
    for (Zone z : scene.scenario().zones()) {
      if (!z.antennas().isEmpty()) {
        z.bins().forEach(bin -> covered.add(bin.id()));
      }
    }
    return new GroundTruth(scene.truth().events().stream()
        .filter(e -> e.atMicros() <= untilMicros)
        .filter(e -> !(e instanceof BinPlacement p) || covered.contains(p.bin()))
        .toList());
  }

  private void mapReadPoints(TagPipeline.Builder b) {
    for (Door d : scene.scenario().doors()) {
      for (Antenna a : d.antennas()) {
        b.readPoint(a.reader(), a.port(), ReadPoint.door(d.id(),
            a.side() == io.tagflow.sim.scenario.Side.OUTSIDE ? Side.OUTSIDE : Side.INSIDE));
      }
    }
    for (Zone z : scene.scenario().zones()) {
      for (Antenna a : z.antennas()) {
        Bin nearest = null;
        double best = Double.MAX_VALUE;
        for (Bin bin : z.bins()) {
          double dx = bin.position().x() - a.position().x();
          double dy = bin.position().y() - a.position().y();
          if (dx * dx + dy * dy < best) {
            best = dx * dx + dy * dy;
            nearest = bin;
          }
        }
        if (nearest != null) {
          b.readPoint(a.reader(), a.port(), ReadPoint.zone(nearest.id()));
        }
      }
    }
  }

  /** The scene's virtual time as an InstantSource / Clock for the pipeline and the event ids. */
  private static final class VirtualClock extends Clock {
    final long startMicros;
    long virtualMicros;

    VirtualClock(Instant start) {
      this.startMicros = start.getEpochSecond() * 1_000_000 + start.getNano() / 1_000;
    }

    @Override
    public Instant instant() {
      long micros = startMicros + virtualMicros;
      return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000);
    }

    @Override
    public long millis() {
      return Math.floorDiv(startMicros + virtualMicros, 1_000);
    }

    @Override
    public ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
