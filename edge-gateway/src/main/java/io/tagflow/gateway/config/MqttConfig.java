package io.tagflow.gateway.config;

import io.tagflow.gateway.delivery.MqttPublisherOptions;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The MQTT broker.
 *
 * @param uri broker URI: {@code tcp://host:1883}, {@code ssl://host:8883}, {@code ws://...} or {@code wss://...} (required)
 * @param clientId MQTT client id; default {@code tagflow-{site}-{gateway}}
 * @param username optional user name
 * @param password optional password; never logged. {@code passwordEnv} is the better place for it
 * @param passwordEnv name of an environment variable holding the password
 * @param maxInflight most publications awaiting PUBACK, default 32
 * @param ackTimeout how long a PUBACK may take before the entry is sent again, default 30s
 * @param keepAlive MQTT keep alive, default 30s
 * @param topicPrefix topic levels (ending in '/') put before {@code tagflow/v1/...}; default none
 */
public record MqttConfig(String uri, String clientId, String username, String password, String passwordEnv,
                         Integer maxInflight, Duration ackTimeout, Duration keepAlive, String topicPrefix) {
  private static final Pattern URI = Pattern.compile("(tcp|ssl|ws|wss)://[^\\s/]+(:\\d+)?(/.*)?");

  public MqttConfig {
    if (uri == null) {
      throw new ConfigProblem("uri", "is required, e.g. tcp://127.0.0.1:1883");
    }
    if (!URI.matcher(uri).matches()) {
      throw new ConfigProblem("uri", "expected tcp://, ssl://, ws:// or wss:// host:port, was \"" + uri + "\"");
    }
    if (password != null && passwordEnv != null) {
      throw new ConfigProblem("passwordEnv", "give either password or passwordEnv, not both");
    }
    maxInflight = maxInflight == null ? MqttPublisherOptions.DEFAULT_MAX_INFLIGHT : maxInflight;
    if (maxInflight < 1 || maxInflight > 65_535) {
      throw new ConfigProblem("maxInflight", "expected 1..65535, was " + maxInflight);
    }
    ackTimeout = ackTimeout == null ? MqttPublisherOptions.DEFAULT_ACK_TIMEOUT : ackTimeout;
    if (ackTimeout.toMillis() < 1) {
      throw new ConfigProblem("ackTimeout", "expected a positive duration, was " + ackTimeout);
    }
    keepAlive = keepAlive == null ? MqttPublisherOptions.DEFAULT_KEEP_ALIVE : keepAlive;
    if (keepAlive.toSeconds() < 1 || keepAlive.toSeconds() > 65_535) {
      throw new ConfigProblem("keepAlive", "expected 1s..65535s, was " + keepAlive);
    }
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    if (!topicPrefix.isEmpty() && (!topicPrefix.endsWith("/") || topicPrefix.contains("+") || topicPrefix.contains("#"))) {
      throw new ConfigProblem("topicPrefix", "expected topic levels ending in '/' without wildcards, was \"" + topicPrefix + "\"");
    }
    if (clientId != null && (clientId.isEmpty() || clientId.length() > 256)) {
      throw new ConfigProblem("clientId", "expected 1-256 characters");
    }
  }

  /** The password from {@code password} or the environment variable {@code passwordEnv}; null for none. */
  public String resolvePassword(java.util.function.UnaryOperator<String> env) {
    if (passwordEnv == null) {
      return password;
    }
    String value = env.apply(passwordEnv);
    if (value == null) {
      throw new ConfigProblem("passwordEnv", "environment variable " + passwordEnv + " is not set");
    }
    return value;
  }

  @Override
  public String toString() {
    return "MqttConfig[uri=" + uri + ", clientId=" + clientId + ", username=" + username
        + ", password=" + (password == null ? "none" : "****") + ", passwordEnv=" + passwordEnv
        + ", maxInflight=" + maxInflight + ", ackTimeout=" + ackTimeout + ", keepAlive=" + keepAlive
        + ", topicPrefix=" + topicPrefix + "]";
  }
}
