package io.tagflow.testing;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
   * An in-process HiveMQ CE broker with its own configuration: loopback only, usage statistics off,
   * in-memory persistence, and its files in a temporary folder.
   */
  static MqttServer startEmbedded() {
    try {
      int port = freeLoopbackPort();
      Path home = Files.createTempDirectory("tagflow-test-hivemq");
      Path conf = Files.createDirectories(home.resolve("conf"));
      Files.writeString(conf.resolve("config.xml"), """
          <?xml version="1.0"?>
          <hivemq>
            <listeners>
              <tcp-listener>
                <port>%d</port>
                <bind-address>127.0.0.1</bind-address>
              </tcp-listener>
            </listeners>
            <anonymous-usage-statistics>
              <enabled>false</enabled>
            </anonymous-usage-statistics>
            <persistence>
              <mode>in-memory</mode>
            </persistence>
          </hivemq>
          """.formatted(port));
      // HiveMQ reconfigures the JVM's Logback from conf/logback.xml; keep the tests' console logging.
      Files.writeString(conf.resolve("logback.xml"), """
          <configuration>
            <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
              <target>System.err</target>
              <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n</pattern></encoder>
            </appender>
            <logger name="com.hivemq" level="WARN"/>
            <logger name="org.llrp" level="WARN"/>
            <root level="INFO"><appender-ref ref="STDERR"/></root>
          </configuration>
          """);
      EmbeddedHiveMQ broker = EmbeddedHiveMQ.builder()
          .withConfigurationFolder(conf)
          .withDataFolder(Files.createDirectories(home.resolve("data")))
          .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")))
          .build();
      broker.start().join();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> broker.stop().join(), "test-mqtt-stop"));
      String uri = "tcp://127.0.0.1:" + port;
      return new MqttServer(uri, "embedded HiveMQ CE at " + uri);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded MQTT broker. Set "
          + TestServices.MQTT_URI_ENV + " to use a running broker instead", e);
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
