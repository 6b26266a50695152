package io.tagflow.gateway.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReaderSettingsTest {

  @Test
  void builder_nothingSet_usesDocumentedDefaults() {
    ReaderSettings settings = ReaderSettings.builder("dock-1", "10.0.0.5").build();
    assertThat(settings.port()).isEqualTo(5084);
    assertThat(settings.antennas()).containsExactly(AntennaSettings.of(1));
    assertThat(settings.keepalivePeriod()).isEqualTo(ReaderSettings.DEFAULT_KEEPALIVE_PERIOD);
    assertThat(settings.content()).isEqualTo(ReaderSettings.DEFAULT_CONTENT);
    assertThat(settings.backoffMax()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void builder_zeroKeepalive_namesTheSetting() {
    assertThatThrownBy(() -> ReaderSettings.builder("dock-1", "h").keepalivePeriod(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("keepalivePeriod must be positive");
  }

  @Test
  void builder_badValues_nameTheSetting() {
    assertThatThrownBy(() -> ReaderSettings.builder("dock 1", "h").build()).hasMessageStartingWith("readerId");
    assertThatThrownBy(() -> ReaderSettings.builder("d", " ").build()).hasMessageStartingWith("host");
    assertThatThrownBy(() -> ReaderSettings.builder("d", "h").port(0).build()).hasMessageStartingWith("port");
    assertThatThrownBy(() -> ReaderSettings.builder("d", "h").session(4).build()).hasMessageStartingWith("session");
    assertThatThrownBy(() -> ReaderSettings.builder("d", "h").reportEveryTags(0).build()).hasMessageStartingWith("reportEveryTags");
    assertThatThrownBy(() -> ReaderSettings.builder("d", "h").antennas(List.of()).build()).hasMessageStartingWith("antennas");
    assertThatThrownBy(() -> ReaderSettings.builder("d", "h").antennas(List.of(AntennaSettings.of(1), AntennaSettings.of(1))).build())
        .hasMessageContaining("repeat antenna 1");
    assertThatThrownBy(() -> ReaderSettings.builder("d", "h").backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
        .hasMessageStartingWith("backoffMax");
    assertThatThrownBy(() -> ReaderSettings.builder("d", "h").reportPeriod(Duration.ofDays(100)).build())
        .hasMessageContaining("reportPeriod must fit");
    assertThatThrownBy(() -> new AntennaSettings(1, -1, 0)).hasMessageContaining("txPowerIndex");
  }

  @Test
  void toBuilder_changesOnlyWhatIsSet() {
    ReaderSettings settings = ReaderSettings.builder("d", "h").content(Set.of(ReportField.CRC)).build();
    ReaderSettings copy = settings.toBuilder().port(1234).build();
    assertThat(copy).isEqualTo(new ReaderSettings("d", "h", 1234, settings.antennas(), settings.keepalivePeriod(),
        settings.session(), settings.tagPopulation(), settings.reportEveryTags(), settings.reportPeriod(),
        Set.of(ReportField.CRC), settings.connectTimeout(), settings.backoffMin(), settings.backoffMax(), settings.healthyAfter()));
  }
}
