package io.tagflow.gateway.delivery;

import java.time.Duration;
import java.util.Objects;
import javax.net.SocketFactory;

/**
 * How the {@link MqttPublisher} connects and how much it keeps in flight. Build with {@link #builder}.
 *
 * @param serverUri broker URI for Paho, e.g. {@code tcp://127.0.0.1:1883} or {@code ssl://broker:8883}
 * @param clientId MQTT client identifier, unique per gateway
 * @param username optional user name; null for none
 * @param password optional password; null for none. Never logged ({@link #toString} hides it)
 * @param maxInflight most QoS 1 publications awaiting PUBACK at once
 * @param ackTimeout how long a PUBACK may take before the publisher gives up on it and sends again
 * @param connectTimeout how long one connection attempt may take
 * @param keepAlive MQTT keep alive (MQTT 5 §3.1.2.10)
 * @param reconnectMinDelay first delay between connection attempts, doubled up to {@code reconnectMaxDelay}
 * @param reconnectMaxDelay longest delay between connection attempts
 * @param health retained health topic and its ONLINE/OFFLINE payloads; null for none
 * @param socketFactory the sockets of a {@code tcp://} connection; null for the default, plain TCP with
 *     Nagle's algorithm off (TCP_NODELAY). A benchmark passes one that times packets on the wire
 */
public record MqttPublisherOptions(String serverUri, String clientId, String username, String password,
                                   int maxInflight, Duration ackTimeout, Duration connectTimeout, Duration keepAlive,
                                   Duration reconnectMinDelay, Duration reconnectMaxDelay, Health health,
                                   SocketFactory socketFactory) {
  public static final int DEFAULT_MAX_INFLIGHT = 32;
  public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RECONNECT_MIN_DELAY = Duration.ofSeconds(1);
  public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(30);

  /**
   * The gateway's retained health topic: ONLINE is published on every connect, OFFLINE is the MQTT will
   * (sent by the broker if the gateway vanishes) and is published before a clean disconnect.
   */
  public record Health(String topic, byte[] online, byte[] offline) {
    public Health {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(online, "online");
      Objects.requireNonNull(offline, "offline");
    }
  }

  public MqttPublisherOptions {
    Objects.requireNonNull(serverUri, "serverUri");
    Objects.requireNonNull(clientId, "clientId");
    if (maxInflight < 1 || maxInflight > 65_535) {
      throw new IllegalArgumentException("maxInflight must be between 1 and 65535");
    }
    for (Duration d : new Duration[] {ackTimeout, connectTimeout, keepAlive, reconnectMinDelay, reconnectMaxDelay}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts and delays must be positive");
      }
    }
  }

  public static Builder builder(String serverUri, String clientId) {
    return new Builder(serverUri, clientId);
  }

  @Override
  public String toString() {
    return "MqttPublisherOptions[serverUri=" + serverUri + ", clientId=" + clientId + ", username=" + username
        + ", password=" + (password == null ? "none" : "****") + ", maxInflight=" + maxInflight
        + ", ackTimeout=" + ackTimeout + "]";
  }

  /** Builder with the {@code DEFAULT_*} values. */
  public static final class Builder {
    private final String serverUri;
    private final String clientId;
    private String username;
    private String password;
    private int maxInflight = DEFAULT_MAX_INFLIGHT;
    private Duration ackTimeout = DEFAULT_ACK_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration keepAlive = DEFAULT_KEEP_ALIVE;
    private Duration reconnectMinDelay = DEFAULT_RECONNECT_MIN_DELAY;
    private Duration reconnectMaxDelay = DEFAULT_RECONNECT_MAX_DELAY;
    private Health health;
    private SocketFactory socketFactory;

    private Builder(String serverUri, String clientId) {
      this.serverUri = serverUri;
      this.clientId = clientId;
    }

    public Builder credentials(String username, String password) {
      this.username = username;
      this.password = password;
      return this;
    }

    public Builder maxInflight(int maxInflight) {
      this.maxInflight = maxInflight;
      return this;
    }

    public Builder ackTimeout(Duration ackTimeout) {
      this.ackTimeout = ackTimeout;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder keepAlive(Duration keepAlive) {
      this.keepAlive = keepAlive;
      return this;
    }

    public Builder reconnectDelay(Duration min, Duration max) {
      this.reconnectMinDelay = min;
      this.reconnectMaxDelay = max;
      return this;
    }

    public Builder health(Health health) {
      this.health = health;
      return this;
    }

    /** Sockets for a {@code tcp://} broker instead of the default (TCP_NODELAY); see the record's parameters. */
    public Builder socketFactory(SocketFactory socketFactory) {
      this.socketFactory = socketFactory;
      return this;
    }

    public MqttPublisherOptions build() {
      return new MqttPublisherOptions(serverUri, clientId, username, password, maxInflight, ackTimeout,
          connectTimeout, keepAlive, reconnectMinDelay, reconnectMaxDelay, health, socketFactory);
    }
  }
}
