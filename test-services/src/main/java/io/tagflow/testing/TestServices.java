package io.tagflow.testing;

import java.util.Locale;
import java.util.Optional;
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
 * <p>Storage ITs also want a server with the TimescaleDB extension, to run the same tests on both
 * storage modes. {@link #newTimescaleDatabase} finds it at {@code TAGFLOW_TEST_TIMESCALE_URL} when set,
 * otherwise uses the main server when that runs the extension (the Testcontainers image does), and
 * otherwise reports that there is none.
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
  /** Environment variable naming a PostgreSQL server with TimescaleDB (installed and preloaded) for storage ITs. */
  public static final String TIMESCALE_URL_ENV = "TAGFLOW_TEST_TIMESCALE_URL";

  private static PostgresServer postgres;
  private static Optional<PostgresServer> timescale;
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

  /**
   * Creates an empty database of its own on a server that offers TimescaleDB, or returns empty when no
   * such server is configured or found. Close it to drop the database.
   *
   * @throws IllegalStateException when {@code TAGFLOW_TEST_TIMESCALE_URL} names a server without the
   *     extension: asking for TimescaleDB and silently testing without it would hide the mistake
   */
  public static Optional<TestDatabase> newTimescaleDatabase(String testName) {
    return timescale().map(server -> server.createDatabase(uniqueName(testName)));
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

  private static synchronized Optional<PostgresServer> timescale() {
    if (timescale == null) {
      String url = System.getenv(TIMESCALE_URL_ENV);
      if (url != null && !url.isBlank()) {
        PostgresServer server = PostgresServer.fromEnvironment(TIMESCALE_URL_ENV, url);
        if (!server.runsTimescale()) {
          throw new IllegalStateException(TIMESCALE_URL_ENV + " names " + server.description()
              + ", which does not have the timescaledb extension installed and in shared_preload_libraries");
        }
        timescale = Optional.of(server);
      } else {
        timescale = postgres().runsTimescale() ? Optional.of(postgres()) : Optional.empty();
      }
      log.info("Test TimescaleDB: {}", timescale.map(PostgresServer::description)
          .orElse("none (set " + TIMESCALE_URL_ENV + " to run the TimescaleDB storage tests)"));
    }
    return timescale;
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
