package io.tagflow.gateway.config;

/**
 * A configuration value that binds but is not acceptable. Thrown by the configuration records' compact
 * constructors; the loader adds the file name and the path of the record in the file, so that
 * {@code field} only names the key relative to the record ({@code "side"}, {@code "antennas[2].port"}).
 */
public final class ConfigProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public ConfigProblem(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  /** The key relative to the record that threw, or null when the problem is the record as a whole. */
  public String field() {
    return field;
  }
}
