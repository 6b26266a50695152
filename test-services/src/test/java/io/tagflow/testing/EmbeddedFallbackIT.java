package io.tagflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

/**
 * The embedded fallback, started explicitly, so that CI (which points the other ITs at real services)
 * still proves that {@code ./mvnw verify} works on a machine with only a JDK. As root, zonky runs
 * PostgreSQL under {@code unshare -U}, because initdb refuses to run as root.
 */
class EmbeddedFallbackIT {

  @Test
  void embeddedPostgres_startsOnLoopbackAndRunsQueries() throws Exception {
    PostgresServer server = PostgresServer.startEmbedded();
    assertThat(server.description()).startsWith("embedded PostgreSQL on 127.0.0.1:");
    try (TestDatabase db = server.createDatabase("embedded_probe_" + UUID.randomUUID().toString().substring(0, 8));
         Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT current_database(), current_setting('listen_addresses'), 6 * 7")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(db.name());
      assertThat(rs.getString(2)).isEqualTo("127.0.0.1");
      assertThat(rs.getInt(3)).isEqualTo(42);
    }
  }

  @Test
  void embeddedBroker_carriesQos1MessageOnLoopback() throws Exception {
    MqttServer server = MqttServer.startEmbedded();
    assertThat(server.uri()).startsWith("tcp://127.0.0.1:");
    BlockingQueue<MqttMessage> received = new ArrayBlockingQueue<>(1);
    MqttClient client = new MqttClient(server.uri(), "embedded-probe-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setConnectionTimeout(10);
    client.connect(options);
    try {
      client.subscribe(new MqttSubscription[] {new MqttSubscription("probe/+", 1)},
          new IMqttMessageListener[] {(topic, message) -> received.add(message)});
      client.publish("probe/1", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
      MqttMessage got = received.poll(10, TimeUnit.SECONDS);
      assertThat(got).isNotNull();
      assertThat(new String(got.getPayload(), StandardCharsets.UTF_8)).isEqualTo("hello");
    } finally {
      client.disconnect();
      client.close();
    }
  }
}
