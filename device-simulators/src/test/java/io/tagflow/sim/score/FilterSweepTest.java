package io.tagflow.sim.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.sim.SimMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FilterSweepTest {
  @Test
  void parse_durationRange_expandsInSteps() {
    FilterSweep.Swept s = FilterSweep.Swept.parse("absenceTimeout=500ms..1500ms:250ms");
    assertThat(s.name()).isEqualTo("absenceTimeout");
    assertThat(s.values()).containsExactly("500ms", "750ms", "1000ms", "1250ms", "1500ms");
  }

  @Test
  void parse_numberRangeAndList_keepTheSettingsType() {
    assertThat(FilterSweep.Swept.parse("minSideReads=1..3:1").values()).containsExactly("1", "2", "3");
    assertThat(FilterSweep.Swept.parse("minRssiDbm=-80..-70:5").values()).containsExactly("-80.00", "-75.00", "-70.00");
    assertThat(FilterSweep.Swept.parse("quietGap=3s, 10s").values()).containsExactly("3s", "10s");
  }

  @Test
  void parse_badSpecs_sayWhatIsWrong() {
    assertThatThrownBy(() -> FilterSweep.Swept.parse("absenceTimeut=1s,2s"))
        .hasMessageContaining("unknown filter setting 'absenceTimeut'").hasMessageContaining("absenceTimeout");
    assertThatThrownBy(() -> FilterSweep.Swept.parse("absenceTimeout=1s..2s"))
        .hasMessageContaining("a range needs a step");
    assertThatThrownBy(() -> FilterSweep.Swept.parse("absenceTimeout=1s..2s:0ms"))
        .hasMessageContaining("the step must be positive");
    assertThatThrownBy(() -> FilterSweep.Swept.parse("absenceTimeout")).hasMessageContaining("expected NAME=");
  }

  @Test
  void apply_valueTheBuilderRejects_namesTheSetting() {
    FilterSettings base = FilterSettings.defaults().toBuilder().minRssiDbm(-70).build();
    FilterSettings applied = FilterSweep.apply(base, Map.of("absenceTimeout", "1500ms"));
    assertThat(applied.absenceTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(applied.minRssiDbm()).as("the base is kept").isEqualTo(-70);
    assertThatThrownBy(() -> FilterSweep.apply(base, Map.of("absenceTimeout", "fast")))
        .hasMessageContaining("absenceTimeout: cannot read 'fast' as a duration");
  }

  @Test
  void tune_cliWithSet_printsProgressAndARankedTable() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("tune", "--scenario", "scenarios/one-door.yaml", "--duration-s", "60",
        "--set", "absenceTimeout=1s,2s");
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("sim tune: 1 of 2: absenceTimeout=1s")
        .contains("sim tune: 2 of 2: absenceTimeout=2s")
        .contains("2 combinations, best first")
        .contains("rank  settings");
  }

  @Test
  void tune_cliWithUnknownSetting_failsWithOneLine() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("tune", "--scenario", "scenarios/one-door.yaml", "--set", "nope=1,2");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("sim tune: unknown filter setting 'nope'");
  }
}
