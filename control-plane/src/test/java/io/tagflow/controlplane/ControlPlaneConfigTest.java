package io.tagflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagflow.controlplane.live.LiveLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneConfigTest {
  @TempDir
  Path dir;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("cp.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void load_noFile_givesDocumentedDefaults() {
    ControlPlaneConfig c = ControlPlaneConfig.load(null, Map.of());

    assertThat(c.http().host()).isEqualTo("127.0.0.1").isEqualTo(ControlPlaneConfig.Http.DEFAULT_HOST);
    assertThat(c.http().port()).isEqualTo(ControlPlaneConfig.Http.DEFAULT_PORT);
    assertThat(c.database().url()).isEqualTo(ControlPlaneConfig.Database.DEFAULT_URL);
    assertThat(c.mqtt().uri()).isEqualTo("tcp://127.0.0.1:1883");
    assertThat(c.anomalies().doorDwellSeconds()).isEqualTo(900);
    assertThat(c.sites()).isEmpty();
  }

  @Test
  void load_fullFile_readsEverySection() throws Exception {
    Path file = write("""
        http: { port: 9090, bodyLimitBytes: 4096 }
        database: { url: "jdbc:postgresql://db:5432/x", user: u, password: secret, poolSize: 3 }
        mqtt: { uri: "tcp://broker:1883", topicPrefix: "acme/" }
        anomalies: { doorDwellSeconds: 60 }
        sites:
          - id: dc1
            enforceAuthorisations: true
            doors: [ { id: door-1, stagingPoints: [ stage-1 ] } ]
            bins: [ { id: A-01, capacity: 40 } ]
        """);

    ControlPlaneConfig c = ControlPlaneConfig.load(file, Map.of());

    assertThat(c.http().port()).isEqualTo(9090);
    assertThat(c.http().host()).isEqualTo("127.0.0.1");
    assertThat(c.database().poolSize()).isEqualTo(3);
    assertThat(c.database().toString()).doesNotContain("secret");
    assertThat(c.mqtt().topicPrefix()).isEqualTo("acme/");
    assertThat(c.anomalies().doorDwellSeconds()).isEqualTo(60);
    assertThat(c.sites()).singleElement().satisfies(s -> {
      assertThat(s.enforceAuthorisations()).isTrue();
      assertThat(s.bin("A-01")).get().extracting(b -> b.capacity()).isEqualTo(40);
      assertThat(s.doorAt("stage-1")).get().extracting(d -> d.id()).isEqualTo("door-1");
    });
  }

  @Test
  void load_environment_overridesFile() throws Exception {
    Path file = write("http: { port: 9090 }\n");

    ControlPlaneConfig c = ControlPlaneConfig.load(file, Map.of(ControlPlaneConfig.ENV_HTTP_PORT, "7000",
        ControlPlaneConfig.ENV_PG_URL, "jdbc:postgresql://other/db", ControlPlaneConfig.ENV_MQTT_URI, "tcp://m:1"));

    assertThat(c.http().port()).isEqualTo(7000);
    assertThat(c.database().url()).isEqualTo("jdbc:postgresql://other/db");
    assertThat(c.mqtt().uri()).isEqualTo("tcp://m:1");
  }

  @Test
  void load_siteWithoutOptionalSettings_defaultsThem() throws Exception {
    Path file = write("sites:\n  - id: dc1\n    bins: [ { id: A-01, capacity: 4 } ]\n");

    ControlPlaneConfig c = ControlPlaneConfig.load(file, Map.of());

    assertThat(c.sites()).singleElement().satisfies(s -> {
      assertThat(s.enforceAuthorisations()).isFalse();
      assertThat(s.doors()).isEmpty();
      assertThat(s.name()).isEqualTo("dc1");
    });
  }

  @Test
  void load_binWithoutCapacity_saysCapacityMustBePositive() throws Exception {
    Path file = write("sites:\n  - id: dc1\n    bins: [ { id: A-01 } ]\n");

    assertThatThrownBy(() -> ControlPlaneConfig.load(file, Map.of()))
        .hasMessageContaining("sites[0].bins[0]").hasMessageContaining("capacity of bin A-01 must be positive");
  }

  @Test
  void load_emptyFile_givesDefaults() throws Exception {
    assertThat(ControlPlaneConfig.load(write(""), Map.of())).isEqualTo(ControlPlaneConfig.defaults());
  }

  @Test
  void load_portNotANumber_namesFileAndPath() throws Exception {
    Path file = write("http:\n  port: eighty\n");

    assertThatThrownBy(() -> ControlPlaneConfig.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("http.port")
        .hasMessageContaining("whole number");
  }

  @Test
  void load_unknownSetting_namesItAndTheKnownOnes() throws Exception {
    Path file = write("http:\n  prot: 80\n");

    assertThatThrownBy(() -> ControlPlaneConfig.load(file, Map.of()))
        .hasMessageContaining("http.prot")
        .hasMessageContaining("unknown setting 'prot'")
        .hasMessageContaining("port");
  }

  @Test
  void load_badBinCapacity_namesListIndexAndRule() throws Exception {
    Path file = write("""
        sites:
          - id: dc1
            bins: [ { id: A-01, capacity: 4 }, { id: A-02, capacity: 0 } ]
        """);

    assertThatThrownBy(() -> ControlPlaneConfig.load(file, Map.of()))
        .hasMessageContaining("sites[0].bins[1]")
        .hasMessageContaining("capacity of bin A-02 must be positive");
  }

  @Test
  void load_liveSection_givesTheLiveStateLimits() throws Exception {
    ControlPlaneConfig c = ControlPlaneConfig.load(write("live: { shippedRetentionSeconds: 60, maxTagsPerSite: 500 }"),
        Map.of());

    assertThat(c.live().limits()).isEqualTo(new LiveLimits(Duration.ofSeconds(60), 500));
    assertThat(ControlPlaneConfig.defaults().live().limits()).isEqualTo(LiveLimits.DEFAULTS);
  }

  @Test
  void load_liveCapZero_namesTheSetting() throws Exception {
    assertThatThrownBy(() -> ControlPlaneConfig.load(write("live: { maxTagsPerSite: 0 }"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("maxTagsPerSite must be positive");
  }

  @Test
  void load_portOutOfRange_saysTheRange() throws Exception {
    assertThatThrownBy(() -> ControlPlaneConfig.load(write("http: { port: 70000 }"), Map.of()))
        .hasMessageContaining("at http")
        .hasMessageContaining("0 (any free port) to 65535");
  }

  @Test
  void load_brokenYaml_givesLine() throws Exception {
    Path file = write("http:\n  port: [1, 2\n");

    assertThatThrownBy(() -> ControlPlaneConfig.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageMatching("(?s).*(line \\d+|http.port).*");
  }

  @Test
  void load_missingFile_saysSo() {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> ControlPlaneConfig.load(missing, Map.of()))
        .hasMessage(missing + ": no such file");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void load_endlessDevice_isRefusedAsTooLarge() {
    // A device or pipe reports size 0; reading it whole would exhaust the heap.
    assertThatThrownBy(() -> ControlPlaneConfig.load(Path.of("/dev/zero"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("/dev/zero: larger than " + ControlPlaneConfig.MAX_FILE_BYTES
            + " bytes; not a control-plane configuration");
  }

  @Test
  void load_urlOfAnotherDatabase_errorLeavesOutTheParameters() throws Exception {
    Path file = dir.resolve("cp.yaml");
    Files.writeString(file, "database: { url: \"jdbc:mysql://db/wms?user=wms&password=s3cret\" }\n");

    assertThatThrownBy(() -> ControlPlaneConfig.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": at database: url must be a jdbc:postgresql: URL (got 'jdbc:mysql://db/wms?...')");
  }

  @Test
  void databaseToString_urlWithPassword_showsNeitherPassword() {
    ControlPlaneConfig.Database db = new ControlPlaneConfig.Database(
        "jdbc:postgresql://db/tagflow?user=cp&password=s3cret", "cp", "hunter2", null);

    assertThat(db.toString()).doesNotContain("s3cret").doesNotContain("hunter2")
        .contains("url=jdbc:postgresql://db/tagflow?...");
  }

  @Test
  void load_badEnvironmentPort_namesVariable() {
    assertThatThrownBy(() -> ControlPlaneConfig.load(null, Map.of(ControlPlaneConfig.ENV_HTTP_PORT, "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TAGFLOW_CP_HTTP_PORT must be a whole number");
  }
}
