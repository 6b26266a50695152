package io.tagflow.sim.scenario;

import java.util.List;

/**
 * A scenario file that cannot be used: every problem found, each with its path. Its message is meant
 * for the user as is (one line per problem, no stack trace).
 */
public final class ScenarioException extends RuntimeException {
  private final String file;
  private final List<ScenarioError> errors;

  public ScenarioException(String file, List<ScenarioError> errors) {
    super(format(file, errors), null, false, false);
    this.file = file;
    this.errors = List.copyOf(errors);
  }

  /** The file name as given to the loader. */
  public String file() {
    return file;
  }

  /** Every problem, in file order where known. */
  public List<ScenarioError> errors() {
    return errors;
  }

  private static String format(String file, List<ScenarioError> errors) {
    StringBuilder sb = new StringBuilder();
    sb.append(file).append(": ").append(errors.size()).append(errors.size() == 1 ? " error" : " errors");
    for (ScenarioError e : errors) {
      sb.append("\n  ").append(file).append(": ").append(e);
    }
    return sb.toString();
  }
}
