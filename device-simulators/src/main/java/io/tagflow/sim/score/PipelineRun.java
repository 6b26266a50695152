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

/**
 * Runs a scene's reads through the gateway's real filter pipeline in-process, on the scene's virtual
 * clock, and collects the contract events it would publish: an hour of dock traffic in seconds, for
 * tuning filter settings and reader power at a desk ({@code sim tune}) and for scoring.
 *
 * <p>Read points: door antennas map to their door and side; a zone antenna maps to the bin nearest
 * below it (the pipeline locates a tag in the zone read point that hears it best). Reads reach the
 * pipeline reader after reader in steps of {@link #STEP_MICROS}, so reads of different readers may
 * be up to one step out of order; the pipeline is ticked after every step.
 */
public final class PipelineRun {
  /** The pipeline asks for a tick every 100-250 ms. */
  public static final long STEP_MICROS = 100_000;

  private final Scene scene;
  private final FilterSettings settings;

  public PipelineRun(Scene scene, FilterSettings settings) {
    this.scene = scene;
    this.settings = settings;
  }

  /** What the pipeline published, plus its per-stage counts for the report. */
  public record Result(List<MovementEvent> movements, List<LocationEvent> locations, long reads, String stages) {
    /** The scorer's view of the events. */
    public ObservedEvents observed() {
      return new ObservedEvents(movements.stream().map(ObservedMovement::of).toList(),
          locations.stream().map(ObservedLocation::of).toList(), 0);
    }
  }

  /** Runs the scene from its reader's current time to {@code untilMicros}. */
  public Result run(long untilMicros) {
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
      pipeline.onRead(ids[r], port, hi, lo, rssi, startMicros + t);
    };
    for (long t = STEP_MICROS; t <= untilMicros; t += STEP_MICROS) {
      scene.advanceTo(t, sink);
      clock.virtualMicros = t;
      pipeline.tick();
    }
    // Let the last movements conclude: a few quiet seconds of ticks without new reads.
    for (int i = 0; i < 100; i++) {
      clock.virtualMicros += STEP_MICROS;
      pipeline.tick();
    }
    return new Result(movements, locations, reads[0], pipeline.stageCounts().toString());
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
