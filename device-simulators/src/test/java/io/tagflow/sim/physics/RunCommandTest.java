package io.tagflow.sim.physics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.sim.SimMain;
import io.tagflow.sim.scenario.ScenarioLoader;
import io.tagflow.sim.truth.GroundTruth;
import io.tagflow.sim.truth.TruthJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
  @TempDir
  Path dir;

  @Test
  void run_inProcess_writesTruthReadsAndSummary() throws Exception {
    Path truth = dir.resolve("truth.jsonl");
    Path reads = dir.resolve("reads.csv");
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("run", "--scenario", "scenarios/one-door.yaml", "--truth", truth.toString(),
        "--in-process", "--reads", reads.toString(), "--duration-s", "60");
    assertThat(code).isZero();
    GroundTruth written = TruthJson.read(truth);
    // Within 60 s: P4 standing in B2 at 0, P1 crossing at 12 s and set down in B1 at ~37.6 s.
    assertThat(written.events()).extracting(e -> e.pallet() + ":" + e.getClass().getSimpleName())
        .containsExactly("P4:BinPlacement", "P1:DoorCrossing", "P1:BinPlacement");
    assertThat(written.events())
        .isEqualTo(Scene.build(ScenarioLoader.load(Path.of("scenarios/one-door.yaml"))).truth().events().subList(0, 3));
    var lines = Files.readAllLines(reads);
    assertThat(lines.get(0)).isEqualTo("micros,reader,antenna,epc,rssi");
    assertThat(lines.size()).isGreaterThan(100);
    assertThat(lines.get(1)).matches("\\d+,R1,[1-4],[0-9A-F]{24},-?\\d+\\.\\d");
    assertThat(out.toString()).contains("scenario one-door, seed 42").contains("reader R1")
        .contains("60 s virtual in").contains("3 truth events");
  }

  @Test
  void run_badScenario_oneErrorMessageNoStackTrace() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "name: x\ndurationS: -1\nreaders: []\n");
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("run", "--scenario", bad.toString(), "--truth", dir.resolve("t.jsonl").toString(),
        "--in-process");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("durationS: expected a positive number, got -1.0")
        .contains("readers: at least one reader is required").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void run_truthInMissingDirectory_oneLineNamingTheFile() throws Exception {
    Path truth = dir.resolve("no-such-dir").resolve("t.jsonl");
    StringWriter err = new StringWriter();
    CommandLine cli = SimMain.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("run", "--scenario", "scenarios/one-door.yaml", "--truth", truth.toString(),
        "--in-process", "--duration-s", "1");
    assertThat(code).isEqualTo(SimMain.EXIT_USAGE);
    assertThat(err.toString()).isEqualTo("sim run: " + truth + ": no such file or directory" + System.lineSeparator());
  }

  @Test
  void truth_randomArrivals_sameSeedSame_differentSeedDifferent() {
    var scenario = ScenarioLoader.load(Path.of("scenarios/cross-dock-hour.yaml"));
    var a = Scene.build(scenario).truth().events().stream().map(TruthJson::toLine).toList();
    var b = Scene.build(scenario).truth().events().stream().map(TruthJson::toLine).toList();
    var c = Scene.build(scenario.withSeed(99)).truth().events().stream().map(TruthJson::toLine).toList();
    assertThat(a).hasSizeGreaterThan(100).isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
  }
}
