package io.tagflow.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tagflow.sim.physics.Scene;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ScenarioLoaderTest {
  private static final Path EXAMPLES = Path.of("scenarios");

  @Test
  void load_everyExampleScenario_validatesAndBuildsAScene() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    for (Path f : files) {
      Scenario scenario = ScenarioLoader.load(f);
      Scene scene = Scene.build(scenario);
      assertThat(scene.readers()).as(f.toString()).isNotEmpty();
      assertThat(scene.truth().events()).as(f.toString()).isNotEmpty();
    }
  }

  @Test
  void load_oneDoor_readsEveryKey() {
    Scenario s = ScenarioLoader.load(EXAMPLES.resolve("one-door.yaml"));
    assertThat(s.name()).isEqualTo("one-door");
    assertThat(s.seed()).isEqualTo(42L);
    assertThat(s.readers().get(0).txPowerDbm()).hasSize(81);
    assertThat(s.readers().get(0).txPowerDbm().get(80)).isEqualTo(30.0);
    assertThat(s.doors().get(0).antennas()).hasSize(4);
    assertThat(s.doors().get(0).antennas().get(2).side()).isEqualTo(Side.INSIDE);
    assertThat(s.lots().get(0).expiry()).hasToString("2026-06-30");
    assertThat(s.pallets().get(2).cases()).hasSize(2);
    assertThat(s.physics().tagSensitivityDbm()).isEqualTo(-18.0);
  }

  @Test
  void parse_badValues_everyErrorWithItsPath() {
    String yaml = """
        name: bad
        durationS: 60
        readers:
          - {id: R1, llrpPort: 15084}
          - {id: R1, llrpPort: 15084, txPowerIndex: 99}
        doors:
          - id: D1
            x: 0
            antennas:
              - {reader: R1, port: 1, side: OUTSIDE, position: {x: 0, y: -1, z: 2}, boresight: {x: 0, y: -1, z: 0}}
          - id: D2
            x: 10
            antennas:
              - {reader: R1, port: 2, side: INSIDE, position: {x: 10, y: -1, z: 2}, boresight: {x: 0, y: 0, z: 0}}
          - id: D3
            x: 20
            antennas:
              - {reader: R9, port: 3, side: OUTSIDE, position: {x: 20, y: -1, z: 2}, boresight: {x: 0, y: -1, z: 0}, gainDbi: 45}
        lots:
          - {id: L1, gtin: "10614141000416", companyPrefix: "0614141"}
        pallets:
          - {id: P1, companyPrefix: "0614141", serialReference: "0000000001", cases: [{lot: L9, count: 3}]}
        flows:
          - {pallet: P1, atS: 0, path: [trailer:D1, lane:nowhere]}
          - {pallet: P2, atS: 0, path: [trailer:D1, door:D1]}
        """;
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioLoader.parse("bad.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    assertThat(e.errors()).extracting(ScenarioError::toString).contains(
        "readers[1].id: duplicate reader id 'R1'",
        "readers[1].llrpPort: port 15084 is already used by readers[0]",
        "readers[1].txPowerIndex: expected 1..81, got 99",
        "doors[1].antennas[0].boresight: expected a non-zero direction {x, y, z}",
        "doors[1].antennas[0].position.y: INSIDE antennas hang on the warehouse side (y > 0), got y=-1.0",
        "doors[2].antennas[0].reader: no reader 'R9' in readers",
        "doors[2].antennas[0].gainDbi: expected -10.0..20.0, got 45.0",
        "lots[0].gtin: bad check digit: expected 5 in 10614141000416",
        "pallets[0].cases[0].lot: no lot 'L9' in lots",
        "flows[1].pallet: no pallet 'P2' in pallets");
    assertThat(e.errors()).anySatisfy(err -> {
      assertThat(err.path()).isEqualTo("flows[0].path[1]");
      assertThat(err.message()).contains("unknown waypoint 'lane:nowhere'");
    });
    assertThat(e.getMessage()).startsWith("bad.yaml: ").contains("\n  bad.yaml: doors[2].antennas[0].gainDbi: ");
    assertThat(e.getStackTrace()).isEmpty();
  }

  @Test
  void parse_wrongType_pathAndExpectedType() {
    String yaml = """
        name: t
        durationS: 60
        readers: [{id: R1, llrpPort: 15084}]
        doors:
          - id: D1
            x: 0
            antennas:
              - {reader: R1, port: 1, side: OUTSIDE, position: {x: 0, y: -1, z: 2}, boresight: {x: 0, y: -1, z: 0}, gainDbi: high}
        """;
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioLoader.parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    assertThat(e.errors()).singleElement().satisfies(err -> {
      assertThat(err.path()).isEqualTo("doors[0].antennas[0].gainDbi");
      assertThat(err.message()).startsWith("expected a number (Double), got 'high'");
    });
  }

  @Test
  void parse_unknownKey_namesTheKeyAndWhere() {
    String yaml = """
        name: t
        durationS: 60
        readers: [{id: R1, llrpPort: 15084, txPower: 30}]
        """;
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioLoader.parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    assertThat(e.errors()).singleElement().satisfies(err -> {
      assertThat(err.path()).isEqualTo("readers[0].txPower");
      assertThat(err.message()).startsWith("unknown key 'txPower'").contains("txPowerDbm");
    });
  }

  @Test
  void parse_badEnumAndSyntax_oneClearMessage() {
    String badEnum = """
        name: t
        durationS: 60
        readers: [{id: R1, llrpPort: 15084}]
        doors: [{id: D1, x: 0, antennas: [{reader: R1, port: 1, side: LEFT, position: {x: 0, y: -1, z: 2}, boresight: {x: 0, y: -1, z: 0}}]}]
        """;
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioLoader.parse("t.yaml", badEnum.getBytes(StandardCharsets.UTF_8)));
    assertThat(e.errors()).singleElement().satisfies(err -> {
      assertThat(err.path()).isEqualTo("doors[0].antennas[0].side");
      assertThat(err.message()).contains("one of [OUTSIDE, INSIDE, ZONE]").contains("LEFT");
    });
    ScenarioException syntax = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioLoader.parse("s.yaml", "name: [unclosed\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(syntax.errors()).singleElement().satisfies(err -> assertThat(err.message()).contains("line"));
  }

  @Test
  void parse_pathThroughTheWall_rejected() {
    String yaml = """
        name: t
        durationS: 60
        readers: [{id: R1, llrpPort: 15084}]
        doors:
          - {id: D1, x: 0, antennas: [{reader: R1, port: 1, side: OUTSIDE, position: {x: 0, y: -1, z: 2}, boresight: {x: 0, y: -1, z: 0}}]}
        stagingLanes: [{id: L1, position: {x: 12, y: 5, z: 0}}]
        lots: [{id: L1, gtin: "10614141000415", companyPrefix: "0614141"}]
        pallets: [{id: P1, companyPrefix: "0614141", serialReference: "0000000001", cases: [{lot: L1, count: 1}]}]
        flows: [{pallet: P1, atS: 0, path: [trailer:D1, lane:L1]}]
        """;
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioLoader.parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    assertThat(e.errors()).singleElement().satisfies(err -> {
      assertThat(err.path()).isEqualTo("flows[0].path[1]");
      assertThat(err.message()).contains("crosses the dock wall at x=5.33, outside every door");
    });
  }

  @Test
  void load_missingFile_oneError() {
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioLoader.load(Path.of("no/such.yaml")));
    assertThat(e.getMessage()).isEqualTo("no/such.yaml: 1 error\n  no/such.yaml: no such file");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void load_endlessDevice_oneErrorNotTheWholeStream() {
    // A device or pipe reports size 0; reading it whole would exhaust the heap.
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioLoader.load(Path.of("/dev/zero")));
    assertThat(e.getMessage()).isEqualTo("/dev/zero: 1 error\n  /dev/zero: file is larger than "
        + ScenarioLoader.MAX_FILE_BYTES + " bytes");
  }
}
