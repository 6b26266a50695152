package io.tagflow.sim.physics;

import io.tagflow.sim.physics.internal.PlannedPallet;
import io.tagflow.sim.physics.internal.TagTable;
import io.tagflow.sim.physics.internal.TimelinePlanner;
import io.tagflow.sim.scenario.Antenna;
import io.tagflow.sim.scenario.Door;
import io.tagflow.sim.scenario.ReaderSpec;
import io.tagflow.sim.scenario.Scenario;
import io.tagflow.sim.scenario.Zone;
import io.tagflow.sim.truth.GroundTruth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A running warehouse scene: pallets moving along their planned tracks, tags on them, and one
 * {@link ReaderSim} per reader that inventories them through the RF model.
 *
 * <p>Time is virtual, in microseconds since the scenario start ({@link #start()}); nothing here reads
 * a wall clock. The plan (tracks and truth) is computed once in {@link #build} and is immutable, so
 * each reader can be advanced on its own thread and at its own pace: in real time behind an LLRP
 * endpoint (the caller maps its clock to virtual micros), or as fast as possible in-process with
 * {@link #advanceTo}.
 *
 * <p>Determinism: one seed gives the same plan, the same truth and, per reader, the same reads for
 * the same sequence of {@code advanceTo} targets that are multiples of the reader's antenna dwell. Each
 * reader draws from its own generator split from the seed, so reads do not depend on how readers are
 * interleaved or threaded.
 */
public final class Scene {
  private final Scenario scenario;
  private final List<PlannedPallet> pallets;
  private final TagTable tags;
  private final GroundTruth truth;
  private final LinkBudget link;
  private final List<ReaderSim> readers;

  private Scene(Scenario scenario) {
    this.scenario = scenario;
    SplittableRandom root = new SplittableRandom(scenario.seed());
    TimelinePlanner.Plan plan = new TimelinePlanner(scenario, root.split(), root.split()).plan();
    this.pallets = plan.pallets();
    this.tags = plan.tags();
    this.truth = plan.truth();
    this.link = new LinkBudget(scenario.physics(), 60);
    List<ReaderSim> sims = new ArrayList<>();
    for (int i = 0; i < scenario.readers().size(); i++) {
      ReaderSpec spec = scenario.readers().get(i);
      sims.add(new ReaderSim(this, i, spec, antennasOf(spec.id()), root.split()));
    }
    this.readers = List.copyOf(sims);
  }

  /** Plans a validated scenario (see {@code ScenarioLoader}); an unvalidated one may fail here. */
  public static Scene build(Scenario scenario) {
    return new Scene(scenario);
  }

  public Scenario scenario() {
    return scenario;
  }

  /** The instant virtual time zero stands for. */
  public Instant start() {
    return scenario.start();
  }

  /** The scenario's duration in virtual microseconds. */
  public long durationMicros() {
    return Math.round(scenario.durationS() * 1e6);
  }

  /** Every true crossing and placement, known from the plan. */
  public GroundTruth truth() {
    return truth;
  }

  /** One simulator per reader, in the scenario's order. */
  public List<ReaderSim> readers() {
    return readers;
  }

  /** The reader with this id; throws when there is none. */
  public ReaderSim reader(String id) {
    for (ReaderSim r : readers) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no reader '" + id + "' in scenario " + scenario.name());
  }

  /** Number of tags in the scene, stray tags included. */
  public int tagCount() {
    return tags.size();
  }

  /** Number of pallets planned, generated ones included (stray tags excluded). */
  public long palletCount() {
    return pallets.stream().filter(p -> p.sscc() != null).count();
  }

  /**
   * Advances every reader to {@code micros}, reader after reader (in-process runs). Reads of one
   * reader arrive in time order; readers are not interleaved with each other.
   */
  public void advanceTo(long micros, ReadSink sink) {
    for (ReaderSim r : readers) {
      r.advanceTo(micros, sink);
    }
  }

  List<PlannedPallet> pallets() {
    return pallets;
  }

  TagTable tags() {
    return tags;
  }

  LinkBudget link() {
    return link;
  }

  private List<Antenna> antennasOf(String readerId) {
    List<Antenna> out = new ArrayList<>();
    for (Door d : scenario.doors()) {
      d.antennas().stream().filter(a -> a.reader().equals(readerId)).forEach(out::add);
    }
    for (Zone z : scenario.zones()) {
      z.antennas().stream().filter(a -> a.reader().equals(readerId)).forEach(out::add);
    }
    out.sort((a, b) -> Integer.compare(a.port(), b.port()));
    return out;
  }
}
