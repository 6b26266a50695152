package io.tagflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.testing.TestBroker;
import io.tagflow.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

/** Proves the test wiring: a real MQTT 5 broker carries a QoS 1 message from Paho to Paho. */
class MqttRoundTripIT {

  @Test
  void publishQos1_isDeliveredToSubscriberWithQos1() throws Exception {
    TestBroker broker = TestServices.newBroker("mqtt_round_trip");
    String topic = broker.topicPrefix() + "movements";
    BlockingQueue<MqttMessage> received = new ArrayBlockingQueue<>(4);

    MqttClient subscriber = client(broker, "sub");
    MqttClient publisher = client(broker, "pub");
    try {
      IMqttToken subscribed = subscriber.subscribe(new MqttSubscription[] {new MqttSubscription(topic, 1)},
          new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> received.add(m)});
      assertThat(subscribed.getGrantedQos()).containsExactly(1);

      MqttMessage message = new MqttMessage("{\"movementId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      publisher.publish(topic, message);

      MqttMessage got = received.poll(10, TimeUnit.SECONDS);
      assertThat(got).as("message delivered within 10 s").isNotNull();
      assertThat(new String(got.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"movementId\":\"x\"}");
      assertThat(got.getQos()).isEqualTo(1);
    } finally {
      publisher.disconnect();
      subscriber.disconnect();
      publisher.close();
      subscriber.close();
    }
  }

  private static MqttClient client(TestBroker broker, String role) throws Exception {
    MqttClient client = new MqttClient(broker.uri(), "it-" + role + "-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setConnectionTimeout(10);
    client.connect(options);
    return client;
  }
}
