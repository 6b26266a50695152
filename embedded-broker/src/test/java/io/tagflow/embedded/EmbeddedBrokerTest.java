package io.tagflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
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
}
