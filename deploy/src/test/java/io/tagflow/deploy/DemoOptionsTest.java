package io.tagflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoOptionsTest {
  @Test
  void parse_noArguments_defaults() {
    DemoOptions o = DemoMain.parse();

    assertThat(o.httpPort()).isEqualTo(8080);
    assertThat(o.pgUrl()).isNull();
    assertThat(o.mqttUri()).isNull();
    assertThat(o.scenario()).isNull();
    assertThat(o.statusEvery()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.lockedLots()).containsExactly("LOT-HOLD");
  }

  @Test
  void parse_everyOption_taken() {
    DemoOptions o = DemoMain.parse("--http-port", "0", "--pg-url", "jdbc:postgresql://db:5432/tagflow?user=t",
        "--mqtt-uri", "tcp://broker:1883", "--scenario", "s.yaml", "--status-every", "3", "--lock", "L1,L2");

    assertThat(o.httpPort()).isZero();
    assertThat(o.pgUrl()).isEqualTo("jdbc:postgresql://db:5432/tagflow?user=t");
    assertThat(o.mqttUri()).isEqualTo("tcp://broker:1883");
    assertThat(o.scenario()).isEqualTo(Path.of("s.yaml"));
    assertThat(o.statusEvery()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.lockedLots()).containsExactly("L1", "L2");
  }

  @Test
  void parse_portOutOfRange_namesTheOption() {
    assertThatThrownBy(() -> DemoMain.parse("--http-port", "70000"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--http-port");
  }

  @Test
  void parse_notAJdbcUrl_namesTheOptionWithoutItsParameters() {
    assertThatThrownBy(() -> DemoMain.parse("--pg-url", "postgres://db/x?password=secret"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--pg-url")
        .hasMessageNotContaining("secret");
  }

  @Test
  void parse_brokerUriWithoutPort_rejected() {
    assertThatThrownBy(() -> DemoMain.parse("--mqtt-uri", "mqtt://broker"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--mqtt-uri");
  }

  @Test
  void parse_zeroStatusPeriod_rejected() {
    assertThatThrownBy(() -> DemoMain.parse("--status-every", "0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--status-every");
  }

  @Test
  void parse_unknownOption_picocliError() {
    assertThatThrownBy(() -> DemoMain.parse("--bogus")).isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void execute_badOption_exitCode2WithoutStarting() {
    int code = new CommandLine(new DemoMain()).execute("--http-port", "-1");

    assertThat(code).isEqualTo(2);
  }

  @Test
  void defaults_lockedLots_immutableCopy() {
    assertThat(new DemoOptions(1, null, null, null, null, List.of("A")).lockedLots()).containsExactly("A");
  }
}
