package io.tagflow.testing;

import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place integration tests get a real PostgreSQL and a real MQTT 5 broker.
 *
 * <p>Each service is resolved once per JVM, in this order:
 * <ol>
 *   <li>{@code TAGFLOW_TEST_PG_URL} (a JDBC URL of a database the tests may create databases from) and
 *       {@code TAGFLOW_TEST_MQTT_URI} (e.g. {@code tcp://127.0.0.1:1883}) when set: this is what CI uses;</li>
 *   <li>Testcontainers, when a Docker engine answers (a TimescaleDB image; eclipse-mosquitto);</li>
 *   <li>otherwise embedded: zonky's embedded PostgreSQL and an in-process HiveMQ CE broker, both on
 *       loopback, so that {@code ./mvnw verify} passes on a machine with only a JDK.</li>
 * </ol>
 *
 * <p>Every call hands out a fresh database or a fresh topic prefix, so tests never see each other's
 * data and can run again and again against the same server.
 */
public final class TestServices {
  private static final Logger log = LoggerFactory.getLogger(TestServices.class);

  /** Environment variable naming the PostgreSQL server for tests. */
  public static final String PG_URL_ENV = "TAGFLOW_TEST_PG_URL";
  /** Environment variable naming the MQTT broker for tests. */
  public static final String MQTT_URI_ENV = "TAGFLOW_TEST_MQTT_URI";

  private static PostgresServer postgres;
  private static MqttServer mqtt;

  private TestServices() {
  }

  /**
   * Creates an empty database of its own for one test class. Close it to drop the database.
   *
   * @param testName a short name that shows in the database name, for whoever looks at the server
   */
  public static TestDatabase newDatabase(String testName) {
    return postgres().createDatabase(uniqueName(testName));
  }

  /** A broker connection for one test class, with a topic prefix no other test uses. */
  public static TestBroker newBroker(String testName) {
    MqttServer server = mqtt();
    return new TestBroker(server.uri(), "tagflow-it/" + uniqueName(testName) + "/", server.description());
  }

  private static synchronized PostgresServer postgres() {
    if (postgres == null) {
      postgres = PostgresServer.resolve(System.getenv(PG_URL_ENV));
      log.info("Test PostgreSQL: {}", postgres.description());
    }
    return postgres;
  }

  private static synchronized MqttServer mqtt() {
    if (mqtt == null) {
      mqtt = MqttServer.resolve(System.getenv(MQTT_URI_ENV));
      log.info("Test MQTT broker: {}", mqtt.description());
    }
    return mqtt;
  }

  private static String uniqueName(String testName) {
    String clean = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    if (clean.length() > 30) {
      clean = clean.substring(0, 30);
    }
    return clean + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Asks Testcontainers only when a Docker endpoint could exist at all, so that a machine without
   * Docker gets no alarming "no valid Docker environment" errors in the test log.
   */
  static boolean dockerAvailable() {
    boolean endpoint = System.getenv("DOCKER_HOST") != null
        || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
        || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
    if (!endpoint) {
      return false;
    }
    try {
      return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }
}
