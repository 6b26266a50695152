package io.tagflow.embedded;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * An in-process MQTT 5 broker (HiveMQ Community Edition, embedded): one TCP listener on 127.0.0.1 and a
 * free port, no anonymous usage statistics, in-memory persistence, a queue of {@value #MAX_QUEUED_MESSAGES}
 * messages per client, its configuration and data in a
 * temporary directory that {@link #close} deletes. Used by the demo and as the tests' fallback broker.
 */
public final class EmbeddedBroker implements AutoCloseable {
  /**
   * Messages the broker queues for one client (or shared subscription) before it drops them. HiveMQ's
   * default, like Mosquitto's, is 1,000: a burst of a few thousand events (a test's workload, a
   * benchmark's prefill) published faster than an embedded database stores them would lose the excess,
   * already acknowledged to the publisher. At the demo's and the tests' sizes (a few KB a message) this
   * bounds the queue to tens of MB.
   */
  public static final int MAX_QUEUED_MESSAGES = 20_000;
  /** How long {@link #start} waits for the broker. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** How long {@link #close} waits for the broker to stop. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private final EmbeddedHiveMQ broker;
  private final Path home;
  private final int port;

  private EmbeddedBroker(EmbeddedHiveMQ broker, Path home, int port) {
    this.broker = broker;
    this.home = home;
    this.port = port;
  }

  /**
   * Starts the broker and waits until it accepts connections.
   *
   * @param name a short word for the temporary directory's name ({@code tagflow-NAME-hivemq...})
   * @param rootLogLevel the root level of the Logback configuration that HiveMQ applies to the whole JVM
   *     when it starts (it reconfigures Logback from its {@code conf/logback.xml}): console on standard
   *     error, {@code com.hivemq} and {@code org.llrp} at WARN, everything else at this level
   * @throws UncheckedIOException when its directory cannot be prepared
   * @throws IllegalStateException when it does not start within {@link #TIMEOUT}, with the reason
   */
  public static EmbeddedBroker start(String name, String rootLogLevel) {
    Path home = null;
    try {
      int port = freeLoopbackPort();
      home = Files.createTempDirectory("tagflow-" + name + "-hivemq");
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
            <mqtt>
              <queued-messages>
                <max-queue-size>%d</max-queue-size>
              </queued-messages>
            </mqtt>
          </hivemq>
          """.formatted(port, MAX_QUEUED_MESSAGES));
      Files.writeString(conf.resolve("logback.xml"), """
          <configuration>
            <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
              <target>System.err</target>
              <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level [%%thread] %%logger{24} - %%msg%%n</pattern></encoder>
            </appender>
            <logger name="com.hivemq" level="WARN"/>
            <logger name="org.llrp" level="WARN"/>
            <root level="%s"><appender-ref ref="STDERR"/></root>
          </configuration>
          """.formatted(rootLogLevel));
      EmbeddedHiveMQ broker = EmbeddedHiveMQ.builder()
          .withConfigurationFolder(conf)
          .withDataFolder(Files.createDirectories(home.resolve("data")))
          .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")))
          .build();
      broker.start().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new EmbeddedBroker(broker, home, port);
    } catch (IOException e) {
      deleteQuietly(home);
      throw new UncheckedIOException("embedded MQTT broker: cannot prepare its directory: " + e.getMessage(), e);
    } catch (ExecutionException | TimeoutException e) {
      deleteQuietly(home);
      throw new IllegalStateException("embedded MQTT broker did not start: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deleteQuietly(home);
      throw new IllegalStateException("interrupted while starting the embedded MQTT broker", e);
    }
  }

  /** {@code tcp://127.0.0.1:PORT}. */
  public String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  /** The TCP port it listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  /** Stops the broker (bounded by {@link #STOP_TIMEOUT}) and deletes its directory. */
  @Override
  public void close() {
    try {
      broker.stop().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      broker.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("embedded MQTT broker did not stop cleanly: " + e, e);
    } finally {
      deleteQuietly(home);
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temporary directory is harmless
    }
  }
}
