package io.tagflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest {

  /** An MQTT 5 CONNECT: clean start, keepalive 10 s, no properties, client id "probe". */
  private static final byte[] CONNECT = {
      0x10, 18, 0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 10, 0, 0, 5, 'p', 'r', 'o', 'b', 'e'};

  @Test
  void start_onLoopback_acceptsMqtt5ConnectUntilClosed() throws Exception {
    int port;
    try (EmbeddedBroker broker = EmbeddedBroker.start("unit", "WARN")) {
      port = broker.port();
      assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + port);
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(CONNECT);
        out.flush();
        InputStream in = socket.getInputStream();
        assertThat(in.read()).as("CONNACK packet type").isEqualTo(0x20);
        int length = in.read();
        assertThat(length).isGreaterThanOrEqualTo(3);
        in.read(); // acknowledge flags
        assertThat(in.read()).as("reason code: success").isEqualTo(0);
      }
    }
    int closedPort = port;
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), closedPort).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void start_twice_listensOnDifferentPorts() throws IOException {
    try (EmbeddedBroker a = EmbeddedBroker.start("unit", "WARN");
         EmbeddedBroker b = EmbeddedBroker.start("unit", "WARN")) {
      assertThat(a.port()).isNotEqualTo(b.port());
    }
  }

  @Test
  void offlineSession_moreThanTheUsualThousandQueued_allDelivered() throws Exception {
    int messages = 3_000;
    try (EmbeddedBroker broker = EmbeddedBroker.start("unit", "WARN")) {
      MqttConnectionOptions session = new MqttConnectionOptions();
      session.setCleanStart(false);
      session.setSessionExpiryInterval(300L);
      MqttClient subscriber = new MqttClient(broker.uri(), "queue-probe", new MemoryPersistence());
      subscriber.connect(session);
      subscriber.subscribe("probe/queue", 1);
      subscriber.disconnect();

      MqttClient publisher = new MqttClient(broker.uri(), "queue-publisher", new MemoryPersistence());
      publisher.connect();
      for (int i = 0; i < messages; i++) {
        MqttMessage m = new MqttMessage(Integer.toString(i).getBytes());
        m.setQos(1);
        publish(publisher, m);
      }
      publisher.disconnect();
      publisher.close();

      CountDownLatch received = new CountDownLatch(messages);
      subscriber.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
          received.countDown();
        }

        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {
        }
      });
      subscriber.connect(session);
      assertThat(received.await(30, TimeUnit.SECONDS))
          .as("queued messages delivered after reconnect, %d missing", received.getCount()).isTrue();
      subscriber.disconnect();
      subscriber.close();
    }
  }

  /** Publishes, waiting while Paho still counts an acknowledged publish as in flight (its 32202). */
  private static void publish(MqttClient publisher, MqttMessage m) throws Exception {
    while (true) {
      try {
        publisher.publish("probe/queue", m);
        return;
      } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
        if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
          throw e;
        }
        Thread.sleep(1);
      }
    }
  }
}
