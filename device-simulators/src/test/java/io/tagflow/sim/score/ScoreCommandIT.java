package io.tagflow.sim.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.MovementEvidence;
import io.tagflow.protocol.event.TagObservation;
import io.tagflow.protocol.event.Topics;
import io.tagflow.sim.SimMain;
import io.tagflow.sim.truth.DoorCrossing;
import io.tagflow.sim.truth.TruthJson;
import io.tagflow.testing.TestBroker;
import io.tagflow.testing.TestServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sim score --mqtt-uri}: movement events published on a real broker are collected and scored. */
class ScoreCommandIT {
  @TempDir
  Path dir;

  /** Collects what the command prints and opens {@link #subscribed} once it says it is collecting. */
  private static final class Output extends StringWriter {
    final CountDownLatch subscribed = new CountDownLatch(1);

    @Override
    public void flush() {
      if (toString().contains("collecting site")) {
        subscribed.countDown();
      }
    }
  }

  @Test
  void score_fromMqtt_scoresTheSitesMovementsAndCountsBadPayloads() throws Exception {
    TestBroker broker = TestServices.newBroker("sim-score");
    Path truth = dir.resolve("truth.jsonl");
    TruthJson.write(truth, ScorerTest.truth());
    Path copy = dir.resolve("events.jsonl");
    Output out = new Output();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> score = CompletableFuture.supplyAsync(() -> cli.execute("score", "--truth",
        truth.toString(), "--mqtt-uri", broker.uri(), "--topic-prefix", broker.topicPrefix(), "--site", "s1",
        "--duration", "4s", "--progress-s", "1", "--events-out", copy.toString()));
    assertThat(out.subscribed.await(30, TimeUnit.SECONDS)).as("sim score subscribed").isTrue();

    Topics topics = Topics.under(broker.topicPrefix());
    EventCodec codec = new EventCodec();
    MqttClient publisher = new MqttClient(broker.uri(), "score-pub-" + UUID.randomUUID(), new MemoryPersistence());
    publisher.connect();
    try {
      int published = 0;
      for (DoorCrossing c : ScorerTest.truth().crossings()) {
        if (c.pallet().equals("P3")) {
          continue; // the gateway missed it
        }
        publisher.publish(topics.movements("s1", "gw-1"), codec.encode(movement(c, "s1")), 1, false);
        publisher.publish(topics.movements("s2", "gw-9"), codec.encode(movement(c, "s2")), 1, false); // other site
        published++;
      }
      publisher.publish(topics.movements("s1", "gw-1"), "{\"movementId\":\"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8),
          1, false);
      assertThat(published).isEqualTo(3);
    } finally {
      publisher.disconnect();
      publisher.close();
    }

    assertThat(score.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString())
        .contains("3 movements, 0 locations, 1 bad payloads")
        .contains("payloads were not contract events; first: " + topics.movements("s1", "gw-1") + ": movementId")
        .contains("movement precision", "100.0%", "3 of 3 events match")
        .contains("movement recall", "75.0%", "3 of 4 crossings found")
        .contains("MISSED", "P3");
    assertThat(Files.readAllLines(copy)).hasSize(3);
  }

  private static MovementEvent movement(DoorCrossing c, String site) {
    EventIds ids = new EventIds(Clock.fixed(c.at().plusSeconds(3), ZoneOffset.UTC));
    MovementEvent.Builder b = MovementEvent.builder().movementId(ids.next()).site(site).gateway(site.equals("s1") ? "gw-1" : "gw-9")
        .door(c.door()).direction(c.direction()).confidence(0.9).startedAt(c.at().minusSeconds(1))
        .endedAt(c.at().plusSeconds(1)).palletSscc(c.sscc()).evidence(new MovementEvidence(3, 4, 2.0, null));
    for (String epc : c.epcs()) {
      b.tag(new TagObservation(epc, null, c.at().minusSeconds(1), c.at().plusSeconds(1), 5, -55.0));
    }
    return b.build();
  }
}
