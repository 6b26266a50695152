package io.tagflow.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagflow.gateway.delivery.FakeMqttClient.Published;
import io.tagflow.gateway.delivery.internal.PahoOptions;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttPublisherTest {
  @TempDir
  Path dir;
  private final ManualClock clock = new ManualClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private FileOutbox outbox;
  private MqttPublisher publisher;

  private MqttPublisher start(FakeMqttClient fake, MqttPublisherOptions options) throws IOException {
    outbox = FileOutbox.open(dir, FileOutbox.Settings.defaults(), clock);
    publisher = new MqttPublisher(outbox, options, fake.client(), registry, clock);
    publisher.start();
    return publisher;
  }

  private static MqttPublisherOptions.Builder options() {
    return MqttPublisherOptions.builder("tcp://fake:1883", "gw-test");
  }

  private static OutboxMessage msg(int i) {
    return OutboxMessage.of("t/movements", ("e" + i).getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() throws IOException {
    if (publisher != null) {
      publisher.close(Duration.ofMillis(50));
    }
    if (outbox != null) {
      outbox.close();
    }
  }

  @Test
  void publish_pahoWindowFull_waitsForPubackAndDropsNothing() throws Exception {
    FakeMqttClient fake = new FakeMqttClient(2);
    start(fake, options().maxInflight(8).build());
    for (int i = 1; i <= 6; i++) {
      publisher.publish(msg(i));
    }
    List<String> sent = new ArrayList<>();
    Published p1 = fake.next();
    Published p2 = fake.next();
    sent.add(p1.payload());
    sent.add(p2.payload());
    assertThat(fake.nextWithin(300)).as("a third publish while Paho's window is full").isNull();
    assertThat(fake.maxInflightRefusals.get()).isPositive();
    assertThat(outbox.stats().depth()).as("nothing is delivered before its PUBACK").isEqualTo(6);

    fake.ack(p1);
    Published next = fake.next();
    sent.add(next.payload());
    fake.ack(p2);
    while (sent.size() < 6) {
      Published p = fake.next();
      sent.add(p.payload());
      fake.ack(next);
      next = p;
    }
    fake.ack(next);
    assertThat(sent).containsExactly("e1", "e2", "e3", "e4", "e5", "e6");
    assertThat(publisher.awaitDrained(Duration.ofSeconds(5))).isTrue();
    assertThat(registry.counter("tagflow.publish.backpressure").count()).isPositive();
    assertThat(registry.counter("tagflow.publish.acked").count()).isEqualTo(6);
  }

  @Test
  void write_sentBeforeTheSync_acknowledgedEntriesStayUntilDurable() throws Exception {
    FakeMqttClient fake = new FakeMqttClient(Integer.MAX_VALUE);
    start(fake, options().build());
    for (int i = 1; i <= 5; i++) {
      publisher.write(List.of(msg(i)));
    }
    for (int i = 1; i <= 5; i++) {
      Published p = fake.next();
      assertThat(p.payload()).as("sent in order before any fsync").isEqualTo("e" + i);
      fake.ack(p);
    }
    assertThat(registry.counter("tagflow.publish.acked").count()).isEqualTo(5);
    assertThat(outbox.firstPendingSequence()).as("acknowledged, but not removed before the fsync").isEqualTo(1);
    publisher.sync(1, 6);
    assertThat(outbox.firstPendingSequence()).isEqualTo(6);
  }

  @Test
  void publish_ownWindowFull_sendsNextOnlyAfterAck() throws Exception {
    FakeMqttClient fake = new FakeMqttClient(Integer.MAX_VALUE);
    start(fake, options().maxInflight(2).build());
    for (int i = 1; i <= 3; i++) {
      publisher.publish(msg(i));
    }
    Published p1 = fake.next();
    fake.next();
    assertThat(fake.nextWithin(300)).isNull();
    assertThat(publisher.inflight()).isEqualTo(2);
    fake.ack(p1);
    assertThat(fake.next().payload()).isEqualTo("e3");
    assertThat(fake.maxInflightRefusals.get()).isZero();
  }

  @Test
  void connectionLost_resendsFromFirstUnacknowledgedInOrder() throws Exception {
    FakeMqttClient fake = new FakeMqttClient(Integer.MAX_VALUE);
    start(fake, options().maxInflight(3).build());
    for (int i = 1; i <= 5; i++) {
      publisher.publish(msg(i));
    }
    Published p1 = fake.next();
    fake.next();
    fake.next();
    fake.ack(p1);
    assertThat(fake.next().payload()).isEqualTo("e4");

    fake.dropConnection();
    assertThat(publisher.connected()).isFalse();
    assertThat(fake.nextWithin(300)).as("nothing is sent while disconnected").isNull();
    fake.reconnect();

    List<String> after = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Published p = fake.next();
      after.add(p.payload());
      fake.ack(p);
    }
    assertThat(after).containsExactly("e2", "e3", "e4", "e5");
    assertThat(publisher.awaitDrained(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void pubackTimeout_sendsTheEntryAgain() throws Exception {
    FakeMqttClient fake = new FakeMqttClient(Integer.MAX_VALUE);
    start(fake, options().maxInflight(4).ackTimeout(Duration.ofSeconds(10)).build());
    publisher.publish(msg(1));
    assertThat(fake.next().payload()).isEqualTo("e1");
    assertThat(fake.nextWithin(300)).isNull();
    clock.advance(Duration.ofSeconds(11));
    Published again = fake.next();
    assertThat(again.payload()).isEqualTo("e1");
    fake.ack(again);
    assertThat(publisher.awaitDrained(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void puback_notAuthorized_removesEntryCountsItAndContinues() throws Exception {
    FakeMqttClient fake = new FakeMqttClient(Integer.MAX_VALUE);
    start(fake, options().maxInflight(1).build());
    publisher.publish(msg(1));
    publisher.publish(msg(2));
    fake.ack(fake.next(), 0x87);
    Published p2 = fake.next();
    assertThat(p2.payload()).isEqualTo("e2");
    fake.ack(p2);
    assertThat(publisher.awaitDrained(Duration.ofSeconds(5))).isTrue();
    assertThat(registry.counter("tagflow.publish.refused").count()).isEqualTo(1);
  }

  @Test
  void puback_quotaExceeded_isRetried() throws Exception {
    FakeMqttClient fake = new FakeMqttClient(Integer.MAX_VALUE);
    start(fake, options().maxInflight(1).build());
    publisher.publish(msg(1));
    fake.ack(fake.next(), 0x97);
    clock.advance(Duration.ofSeconds(2));
    Published again = fake.next();
    assertThat(again.payload()).isEqualTo("e1");
    assertThat(outbox.stats().depth()).isEqualTo(1);
    fake.ack(again);
    assertThat(publisher.awaitDrained(Duration.ofSeconds(5))).isTrue();
    assertThat(registry.counter("tagflow.publish.refused").count()).isZero();
  }

  @Test
  void close_refusesNewEventsAndPublishesOfflineHealth() throws Exception {
    FakeMqttClient fake = new FakeMqttClient(Integer.MAX_VALUE);
    byte[] online = "ONLINE".getBytes(StandardCharsets.UTF_8);
    byte[] offline = "OFFLINE".getBytes(StandardCharsets.UTF_8);
    start(fake, options().health(new MqttPublisherOptions.Health("t/health", online, offline)).build());
    // The fake reports the connection from its own thread; wait until ONLINE is out.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (fake.directMessages().isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    publisher.publish(msg(1));
    fake.ack(fake.next());
    assertThat(publisher.close(Duration.ofSeconds(5))).isTrue();
    assertThatThrownBy(() -> publisher.publish(msg(2))).isInstanceOf(IllegalStateException.class);
    assertThat(fake.directMessages()).extracting(m -> new String(m.getPayload(), StandardCharsets.UTF_8))
        .containsExactly("ONLINE", "OFFLINE");
    assertThat(fake.directMessages()).allSatisfy(m -> assertThat(m.isRetained()).isTrue());
    publisher = null;
  }

  @Test
  void connectionOptions_carryRetainedOfflineWillAndNoPasswordInToString() throws Exception {
    FakeMqttClient fake = new FakeMqttClient(Integer.MAX_VALUE);
    MqttPublisherOptions o = options().credentials("gw", "s3cret").maxInflight(7)
        .health(new MqttPublisherOptions.Health("t/health", new byte[] {1}, "OFFLINE".getBytes(StandardCharsets.UTF_8)))
        .build();
    start(fake, o);
    MqttConnectionOptions c = publisher.connectionOptions();
    assertThat(c.getWillDestination()).isEqualTo("t/health");
    assertThat(c.getWillMessage().isRetained()).isTrue();
    assertThat(new String(c.getWillMessage().getPayload(), StandardCharsets.UTF_8)).isEqualTo("OFFLINE");
    assertThat(c.getReceiveMaximum()).isEqualTo(7);
    assertThat(c.isCleanStart()).isTrue();
    assertThat(o.toString()).doesNotContain("s3cret");
  }

  @Test
  void connectionOptions_tcpBroker_noDelaySocketsUnlessAFactoryIsGiven() throws Exception {
    SocketFactory byDefault = PahoOptions.connectionOptions(options().build()).getSocketFactory();
    try (Socket socket = byDefault.createSocket()) {
      assertThat(socket.getTcpNoDelay()).as("Nagle off on the gateway's side").isTrue();
    }
    SocketFactory given = SocketFactory.getDefault();
    assertThat(PahoOptions.connectionOptions(options().socketFactory(given).build()).getSocketFactory())
        .isSameAs(given);
  }
}
