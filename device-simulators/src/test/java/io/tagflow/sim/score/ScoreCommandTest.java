package io.tagflow.sim.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.MovementEvidence;
import io.tagflow.protocol.event.TagObservation;
import io.tagflow.sim.SimMain;
import io.tagflow.sim.truth.DoorCrossing;
import io.tagflow.sim.truth.TruthJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScoreCommandTest {
  @TempDir
  Path dir;

  @Test
  void score_contractEventsFile_printsTableWithOneMiss() throws Exception {
    Path truth = dir.resolve("truth.jsonl");
    TruthJson.write(truth, ScorerTest.truth());
    EventCodec codec = new EventCodec();
    List<String> lines = new ArrayList<>();
    for (DoorCrossing c : ScorerTest.truth().crossings()) {
      if (c.pallet().equals("P3")) {
        continue;
      }
      EventIds ids = new EventIds(Clock.fixed(c.at().plusSeconds(3), ZoneOffset.UTC));
      MovementEvent.Builder b = MovementEvent.builder().movementId(ids.next()).site("s1").gateway("gw-1")
          .door(c.door()).direction(c.direction()).confidence(0.9).startedAt(c.at().minusSeconds(1))
          .endedAt(c.at().plusSeconds(1)).palletSscc(c.sscc()).evidence(new MovementEvidence(3, 4, 2.0, null));
      for (String epc : c.epcs()) {
        b.tag(new TagObservation(epc, null, c.at().minusSeconds(1), c.at().plusSeconds(1), 5, -55.0));
      }
      lines.add(new String(codec.encode(b.build()), StandardCharsets.UTF_8));
    }
    lines.add("");
    lines.add("{\"schemaVersion\":1,\"kind\":\"health\"}");
    Path events = dir.resolve("events.jsonl");
    Files.write(events, lines);

    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("score", "--truth", truth.toString(), "--events", events.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("movement precision", "100.0%", "3 of 3 events match")
        .contains("movement recall", "75.0%", "3 of 4 crossings found")
        .contains("decision latency p50", "3.000 s")
        .contains("MISSED", "P3");
  }

  @Test
  void score_badEventLine_oneMessageWithLineAndField() throws Exception {
    Path truth = dir.resolve("truth.jsonl");
    TruthJson.write(truth, ScorerTest.truth());
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, "\n{\"movementId\":\"not-a-uuid\"}\n");
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("score", "--truth", truth.toString(), "--events", events.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("sim score: " + events + ":2: ").doesNotContain("Exception").hasLineCount(1);
  }

  @Test
  void score_eventsAndMqttTogether_isRefusedByTheCommandLine() throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("score", "--truth", "t.jsonl", "--events", "e.jsonl", "--mqtt-uri", "tcp://127.0.0.1:1883");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive");
  }

  @Test
  void score_mqttWithoutSite_saysWhatIsMissing() throws Exception {
    Path truth = dir.resolve("truth.jsonl");
    TruthJson.write(truth, ScorerTest.truth());
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("score", "--truth", truth.toString(), "--mqtt-uri", "tcp://127.0.0.1:1", "--duration", "1s");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("sim score: --mqtt-uri needs --site and --duration" + System.lineSeparator());
  }
}
