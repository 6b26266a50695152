/**
 * Scenario files: the warehouse layout (doors, antennas, zones, bins, lanes), readers, goods and
 * traffic of a simulated scene, read from YAML by {@link io.tagflow.sim.scenario.ScenarioLoader} and
 * validated with per-path errors. Format reference: docs/scenarios.md.
 *
 * <p>Nulls: record components may be null only where the file may omit a key; compact constructors
 * replace omitted optional keys by their documented defaults and omitted lists by empty lists.
 */
package io.tagflow.sim.scenario;
