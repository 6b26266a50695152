package io.tagflow.sim.scenario;

/**
 * One problem in a scenario file.
 *
 * @param path where in the file, e.g. {@code doors[2].antennas[0].gainDbi}
 * @param message what was expected
 */
public record ScenarioError(String path, String message) {
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
