package io.tagflow.gateway.config;

/**
 * The gateway's configuration file is missing, unreadable or wrong. The message is one line for the
 * operator: the file, the path inside it ({@code readers[1].antennas[0].readPoint.side}) and what was
 * expected. It carries no stack trace.
 */
public final class GatewayConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public GatewayConfigException(String message) {
    super(message, null, false, false);
  }
}
