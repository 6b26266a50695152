package io.tagflow.sim.scenario;

import java.time.Instant;
import java.util.List;

/**
 * A warehouse scene as written in a scenario file (docs/scenarios.md has every key). Values come from
 * {@link ScenarioLoader}, which validates the whole tree and reports every problem with its path; the
 * records themselves only fill in defaults, so a {@code Scenario} built by hand is unchecked until it
 * goes through {@link ScenarioLoader#validate}.
 *
 * @param name a short name for logs and reports
 * @param site site id for events
 * @param seed the seed of every random draw; the same seed gives the same truth and the same reads
 * @param start the instant virtual time zero stands for
 * @param durationS how long the scenario runs, seconds
 * @param physics RF model constants
 * @param readers the readers
 * @param doors dock doors with their portal antennas
 * @param zones storage zones with their bins and antennas
 * @param stagingLanes staging lanes
 * @param lots product lots
 * @param pallets declared pallets
 * @param strayTags unregistered static tags
 * @param forklift movement speed and dwell
 * @param flows declared pallet trips
 * @param arrivals random traffic generators
 */
public record Scenario(String name, String site, Long seed, Instant start, Double durationS, PhysicsSpec physics,
                       List<ReaderSpec> readers, List<Door> doors, List<Zone> zones,
                       List<StagingLane> stagingLanes, List<Lot> lots, List<Pallet> pallets,
                       List<StrayTag> strayTags, Forklift forklift, List<Flow> flows, List<Arrivals> arrivals) {
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T08:00:00Z");

  public Scenario {
    site = site == null ? "site-1" : site;
    seed = seed == null ? 1L : seed;
    start = start == null ? DEFAULT_START : start;
    physics = physics == null ? PhysicsSpec.DEFAULT : physics;
    readers = list(readers);
    doors = list(doors);
    zones = list(zones);
    stagingLanes = list(stagingLanes);
    lots = list(lots);
    pallets = list(pallets);
    strayTags = list(strayTags);
    forklift = forklift == null ? Forklift.DEFAULT : forklift;
    flows = list(flows);
    arrivals = list(arrivals);
  }

  /** The same scenario with another seed (for seed sweeps and determinism tests). */
  public Scenario withSeed(long newSeed) {
    return new Scenario(name, site, newSeed, start, durationS, physics, readers, doors, zones, stagingLanes,
        lots, pallets, strayTags, forklift, flows, arrivals);
  }

  /** The same scenario with virtual time zero at {@code newStart} (real-time runs start now). */
  public Scenario withStart(Instant newStart) {
    return new Scenario(name, site, seed, newStart, durationS, physics, readers, doors, zones, stagingLanes,
        lots, pallets, strayTags, forklift, flows, arrivals);
  }

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }
}
