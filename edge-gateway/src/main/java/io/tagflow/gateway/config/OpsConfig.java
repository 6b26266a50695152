package io.tagflow.gateway.config;

/**
 * The operations HTTP server ({@code /metrics}, {@code /health}).
 *
 * @param bind address to listen on, default 127.0.0.1 (loopback only)
 * @param port TCP port, default 9464; 0 picks a free port
 */
public record OpsConfig(String bind, Integer port) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 9464;

  public OpsConfig {
    bind = bind == null ? DEFAULT_BIND : bind;
    if (bind.isBlank()) {
      throw new ConfigProblem("bind", "expected an address such as 127.0.0.1");
    }
    port = port == null ? DEFAULT_PORT : port;
    if (port < 0 || port > 65535) {
      throw new ConfigProblem("port", "expected 0..65535, was " + port);
    }
  }

  static OpsConfig defaults() {
    return new OpsConfig(null, null);
  }
}
