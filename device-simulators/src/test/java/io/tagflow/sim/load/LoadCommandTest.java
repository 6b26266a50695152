package io.tagflow.sim.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.sim.SimMain;
import io.tagflow.sim.internal.CliDurations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadCommandTest {
  private static String[] run(int[] code, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    code[0] = cli.execute(args);
    return new String[] {out.toString(), err.toString()};
  }

  @Test
  void load_zeroReaders_oneErrorNamingTheSetting() {
    int[] code = new int[1];
    String[] output = run(code, "load", "--readers", "0", "--rate", "100");
    assertThat(code[0]).isEqualTo(2);
    assertThat(output[1]).contains("sim load: readers must be 1..10000, was 0").doesNotContain("\tat ");
  }

  @Test
  void load_portRangePastTheEnd_isRefused() {
    int[] code = new int[1];
    String[] output = run(code, "load", "--readers", "10", "--rate", "100", "--port-base", "65530");
    assertThat(code[0]).isEqualTo(2);
    assertThat(output[1]).contains("port-base must be 0 (free ports) or leave room for 10 consecutive ports");
  }

  @Test
  void load_badDuration_saysWhatIsExpected() {
    int[] code = new int[1];
    String[] output = run(code, "load", "--readers", "1", "--rate", "100", "--duration", "soon");
    assertThat(code[0]).isEqualTo(2);
    assertThat(output[1]).contains("--duration: expected a positive time such as 60s, 5m, 1h or PT90S, was 'soon'");
  }

  @Test
  void cliDurations_acceptCommonForms() {
    assertThat(CliDurations.parse("--duration", "90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(CliDurations.parse("--duration", "5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(CliDurations.parse("--duration", "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(CliDurations.parse("--duration", "PT1H")).isEqualTo(Duration.ofHours(1));
    assertThat(CliDurations.parse("--duration", "2.5")).isEqualTo(Duration.ofMillis(2500));
  }
}
