package io.tagflow.controlplane;

/**
 * A configuration file or override that cannot be used. The message says which file (or environment
 * variable), where inside it, and what was expected; it is meant to be printed as is, without a stack
 * trace.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
