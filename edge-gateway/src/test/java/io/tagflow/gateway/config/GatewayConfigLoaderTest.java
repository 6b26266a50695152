package io.tagflow.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.gateway.pipeline.ReadPoint;
import io.tagflow.gateway.pipeline.Side;
import io.tagflow.gateway.reader.ReaderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoaderTest {
  private static final String MINIMAL = """
      site: s1
      gateway: g1
      readers:
        - id: r1
          host: 10.0.0.5
          antennas:
            - port: 1
              readPoint: { door: D1, side: OUTSIDE }
            - port: 2
              readPoint: { door: D1, side: INSIDE }
      mqtt:
        uri: tcp://127.0.0.1:1883
      outbox:
        directory: /tmp/outbox
      """;

  @TempDir
  Path dir;

  private static String error(String yaml) {
    try {
      GatewayConfigLoader.parse(yaml, "gw.yaml");
    } catch (GatewayConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected the configuration to be refused");
  }

  @Test
  void load_exampleFile_bindsEverySection() throws Exception {
    GatewayConfig c = GatewayConfigLoader.load(Path.of("gateway.example.yaml"));
    assertThat(c.site()).isEqualTo("dc-berlin");
    assertThat(c.readers()).hasSize(2);
    ReaderSettings r = c.readerSettings().get(0);
    assertThat(r.readerId()).isEqualTo("reader-d1");
    assertThat(r.antennas()).hasSize(4);
    assertThat(r.antennas().get(0).txPowerIndex()).isEqualTo(81);
    assertThat(r.reportPeriod()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.readers().get(0).antennas().get(3).minRssiDbm()).isEqualTo(-72.0);
    assertThat(c.readers().get(1).antennas().get(0).readPoint().toReadPoint()).isEqualTo(ReadPoint.zone("STAGE-A"));
    assertThat(c.filter()).isEqualTo(FilterSettings.defaults());
    assertThat(c.epcFilter().includePatterns()).hasSize(2);
    assertThat(c.mqtt().passwordEnv()).isEqualTo("TAGFLOW_MQTT_PASSWORD");
    assertThat(c.outbox().quota().bytes()).isEqualTo(256L << 20);
    assertThat(c.ops().bind()).isEqualTo("127.0.0.1");
  }

  @Test
  void parse_minimalFile_takesDocumentedDefaults() throws Exception {
    GatewayConfig c = GatewayConfigLoader.parse(MINIMAL, "gw.yaml");
    assertThat(c.readerSettings().get(0).port()).isEqualTo(5084);
    assertThat(c.readerSettings().get(0).session()).isEqualTo(ReaderSettings.DEFAULT_SESSION);
    assertThat(c.filter()).isEqualTo(FilterSettings.defaults());
    assertThat(c.clientId()).isEqualTo("tagflow-s1-g1");
    assertThat(c.mqtt().maxInflight()).isEqualTo(32);
    assertThat(c.outbox().quota().bytes()).isEqualTo(256L << 20);
    assertThat(c.ops().port()).isEqualTo(9464);
    assertThat(c.ops().bind()).isEqualTo("127.0.0.1");
  }

  @Test
  void parse_filterKeys_overrideOnlyTheirDefaults() throws Exception {
    GatewayConfig c = GatewayConfigLoader.parse(MINIMAL + """
        filter:
          absenceTimeout: 3s
          minRssiDbm: -70
        """, "gw.yaml");
    assertThat(c.filter().absenceTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.filter().minRssiDbm()).isEqualTo(-70.0);
    assertThat(c.filter().arrivalReads()).isEqualTo(FilterSettings.DEFAULT_ARRIVAL_READS);
  }

  @Test
  void parse_badEnum_namesPathAndAllowedValues() {
    assertThat(error(MINIMAL.replace("side: INSIDE", "side: OUT")))
        .isEqualTo("gw.yaml: readers[0].antennas[1].readPoint.side: expected one of OUTSIDE, INSIDE, was \"OUT\"");
  }

  @Test
  void parse_unknownKey_namesItAndTheKnownKeys() {
    assertThat(error(MINIMAL.replace("host: 10.0.0.5", "host: 10.0.0.5\n    hots: x")))
        .startsWith("gw.yaml: readers[0].hots: unknown key \"hots\"; expected one of antennas, host, id, keepalive, port, rospec");
  }

  @Test
  void parse_missingRequiredKey_namesIt() {
    assertThat(error(MINIMAL.replace("    host: 10.0.0.5\n", "")))
        .isEqualTo("gw.yaml: readers[0].host: is required (the reader's address)");
    assertThat(error(MINIMAL.replace("mqtt:\n  uri: tcp://127.0.0.1:1883\n", "")))
        .isEqualTo("gw.yaml: mqtt: is required (at least mqtt.uri)");
  }

  @Test
  void parse_doorSideMissing_namesTheReadPoint() {
    assertThat(error(MINIMAL.replace("{ door: D1, side: INSIDE }", "{ door: D1 }")))
        .isEqualTo("gw.yaml: readers[0].antennas[1].readPoint.side: is required for a door read point: expected OUTSIDE or INSIDE");
  }

  @Test
  void parse_doorWithOneSideOnly_isRefused() {
    assertThat(error(MINIMAL.replace("side: INSIDE", "side: OUTSIDE")))
        .isEqualTo("gw.yaml: readers: door D1 has only OUTSIDE read points; expected antennas on the INSIDE side as well");
  }

  @Test
  void parse_durationWithoutUnit_isRefused() {
    assertThat(error(MINIMAL + "filter:\n  absenceTimeout: 2\n"))
        .isEqualTo("gw.yaml: filter.absenceTimeout: expected a duration with a unit, like 250ms, 10s, 5m or 1h, was \"2\"");
  }

  @Test
  void parse_filterValueOutOfRange_namesTheSetting() {
    assertThat(error(MINIMAL + "filter:\n  absenceTimeout: 0s\n"))
        .isEqualTo("gw.yaml: filter.absenceTimeout: must be positive, was PT0S");
    assertThat(error(MINIMAL + "filter:\n  minConfidnce: 0.5\n"))
        .startsWith("gw.yaml: filter.minConfidnce: unknown key \"minConfidnce\"; expected one of");
  }

  @Test
  void parse_wrongScalarType_saysWhatWasExpected() {
    assertThat(error(MINIMAL.replace("- port: 1", "- port: one")))
        .isEqualTo("gw.yaml: readers[0].antennas[0].port: expected a whole number, was \"one\"");
    assertThat(error(MINIMAL.replace("- port: 1", "- port: 1.5")))
        .startsWith("gw.yaml: readers[0].antennas[0].port: expected a whole number");
  }

  @Test
  void parse_valueOutOfRange_namesPath() {
    assertThat(error(MINIMAL.replace("host: 10.0.0.5", "host: 10.0.0.5\n    rospec: { session: 7 }")))
        .isEqualTo("gw.yaml: readers[0].rospec.session: expected a Gen2 session 0..3, was 7");
    assertThat(error(MINIMAL.replace("directory: /tmp/outbox", "directory: /tmp/outbox\n  quota: lots")))
        .isEqualTo("gw.yaml: outbox.quota: expected a size like 512MiB, 2GiB or a number of bytes, was \"lots\"");
    assertThat(error(MINIMAL.replace("tcp://127.0.0.1:1883", "http://broker")))
        .isEqualTo("gw.yaml: mqtt.uri: expected tcp://, ssl://, ws:// or wss:// host:port, was \"http://broker\"");
  }

  @Test
  void parse_duplicateReaderId_isRefused() {
    String twice = MINIMAL.replace("mqtt:", """
          - id: r1
            host: 10.0.0.6
            antennas:
              - port: 1
                readPoint: { zone: Z1 }
        mqtt:""");
    assertThat(error(twice)).isEqualTo("gw.yaml: readers[1].id: reader id r1 appears twice");
  }

  @Test
  void parse_yamlSyntaxError_givesLineAndColumn() {
    assertThat(error("site: s1\ngateway: \"unterminated\n")).startsWith("gw.yaml: line ").contains("not valid YAML");
  }

  @Test
  void parse_duplicateKey_isRefused() {
    assertThat(error("site: s1\nsite: s2\n")).contains("site").contains("Duplicate");
  }

  @Test
  void parse_emptyOrWrongShape_isRefused() {
    assertThat(error("")).isEqualTo("gw.yaml: the file is empty; expected site, gateway, readers, mqtt and outbox");
    assertThat(error(MINIMAL.replace("readers:\n", "readers: nope\nx:\n"))).startsWith("gw.yaml: readers: expected a list");
  }

  @Test
  void load_missingFile_saysSo() {
    assertThatThrownBy(() -> GatewayConfigLoader.load(dir.resolve("nope.yaml")))
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageEndingWith("nope.yaml: file not found");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void load_endlessDevice_isRefusedAsTooLarge() {
    // A device or pipe reports size 0; reading it whole would exhaust the heap.
    assertThatThrownBy(() -> GatewayConfigLoader.load(Path.of("/dev/zero")))
        .isInstanceOf(GatewayConfigException.class)
        .hasMessage("/dev/zero: larger than " + GatewayConfigLoader.MAX_FILE_BYTES + " bytes; not a gateway configuration");
  }

  @Test
  void load_relativeOutboxDirectory_resolvesAgainstTheFile() throws Exception {
    Path file = dir.resolve("gw.yaml");
    Files.writeString(file, MINIMAL.replace("/tmp/outbox", "data/outbox"));
    assertThat(GatewayConfigLoader.load(file).outbox().directory()).isEqualTo(dir.resolve("data/outbox"));
  }

  @Test
  void mqttConfig_toString_hidesPassword() throws Exception {
    GatewayConfig c = GatewayConfigLoader.parse(MINIMAL.replace("uri: tcp://127.0.0.1:1883",
        "uri: tcp://127.0.0.1:1883\n  username: u\n  password: hunter2"), "gw.yaml");
    assertThat(c.mqtt().password()).isEqualTo("hunter2");
    assertThat(c.toString()).doesNotContain("hunter2");
    assertThat(c.readers().get(0).antennas().get(0).readPoint().side()).isEqualTo(Side.OUTSIDE);
  }
}
