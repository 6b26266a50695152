package io.tagflow.gateway.delivery;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The process {@link KillNineIT} kills: opens the outbox in {@code args[0]}, publishes to the broker
 * {@code args[1]} on topic {@code args[2]} the events {@code args[3]} .. {@code args[4]}-1, printing
 * {@code APPENDED n} after each durable append, then waits until the outbox is drained and prints
 * {@code DRAINED}. With an empty range it only drains what a previous run left.
 */
final class OutboxChildMain {
  private OutboxChildMain() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String uri = args[1];
    String topic = args[2];
    int from = Integer.parseInt(args[3]);
    int to = Integer.parseInt(args[4]);
    FileOutbox outbox = FileOutbox.open(dir, FileOutbox.Settings.defaults(), InstantSource.system());
    System.out.println("PENDING " + outbox.stats().depth());
    MqttPublisher publisher = MqttPublisher.create(outbox, MqttPublisherOptions.builder(uri, "it-child-" + ProcessHandle.current().pid())
        .maxInflight(16).build(), new SimpleMeterRegistry(), InstantSource.system());
    publisher.start();
    for (int i = from; i < to; i++) {
      publisher.publish(OutboxMessage.of(topic, ("{\"id\":\"evt-" + i + "\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
      System.out.println("APPENDED " + i);
      System.out.flush();
    }
    if (publisher.awaitDrained(Duration.ofSeconds(60))) {
      System.out.println("DRAINED");
    } else {
      System.out.println("NOT DRAINED " + outbox.stats().depth());
    }
    System.out.flush();
    publisher.close(Duration.ofSeconds(5));
    outbox.close();
  }
}
