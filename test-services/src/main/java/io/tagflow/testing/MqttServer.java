package io.tagflow.testing;

import io.tagflow.embedded.EmbeddedBroker;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** An MQTT 5 broker that tests connect to. Resolved once by {@link TestServices}. */
final class MqttServer {
  private static final String MOSQUITTO_IMAGE = "eclipse-mosquitto:2.0";

  private final String uri;
  private final String description;

  private MqttServer(String uri, String description) {
    this.uri = uri;
    this.description = description;
  }

  static MqttServer resolve(String envUri) {
    if (envUri != null && !envUri.isBlank()) {
      return new MqttServer(envUri.trim(), "environment " + TestServices.MQTT_URI_ENV + " (" + envUri.trim() + ")");
    }
    if (TestServices.dockerAvailable()) {
      return startContainer();
    }
    return startEmbedded();
  }

  String uri() {
    return uri;
  }

  String description() {
    return description;
  }

  private static MqttServer startContainer() {
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(MOSQUITTO_IMAGE))
        .withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf")
        .withExposedPorts(1883);
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-mqtt-stop"));
    String uri = "tcp://" + container.getHost() + ":" + container.getMappedPort(1883);
    return new MqttServer(uri, "Testcontainers " + MOSQUITTO_IMAGE + " at " + uri);
  }

  /**
   * An in-process HiveMQ CE broker ({@link EmbeddedBroker}: loopback only, usage statistics off,
   * in-memory persistence, its files in a temporary folder), stopped by a shutdown hook.
   */
  static MqttServer startEmbedded() {
    EmbeddedBroker broker;
    try {
      broker = EmbeddedBroker.start("test", "INFO");
    } catch (RuntimeException e) {
      throw new IllegalStateException("Could not start the embedded MQTT broker. Set "
          + TestServices.MQTT_URI_ENV + " to use a running broker instead", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-mqtt-stop"));
    return new MqttServer(broker.uri(), "embedded HiveMQ CE at " + broker.uri());
  }
}
