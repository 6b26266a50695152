package io.tagflow.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Anomalies and shipment authorisations against a real PostgreSQL, once per storage mode. */
class AnomalyAndAuthorisationIT {
  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  private static ModeDatabases databases;

  @BeforeAll
  static void openDatabases() throws SQLException {
    databases = new ModeDatabases("anomalies", Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterAll
  static void dropDatabases() {
    databases.close();
  }

  static Stream<StorageMode> modes() {
    return databases.modes();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void insert_sameAnomalyTwice_storesItOnce(StorageMode mode) throws SQLException {
    AnomalyRepository repo = new AnomalyRepository(databases.get(mode).dataSource());
    Anomaly anomaly = Anomaly.open(UUID.randomUUID(), "RECALLED_LOT_MOVED", AnomalySeverity.CRITICAL, "s1", "D4", null,
        "LOT-9", List.of("3034000000000000000000A1", "3034000000000000000000A2"), "lot LOT-9 is recalled", T0);

    assertThat(repo.insert(List.of(anomaly))).isEqualTo(1);
    assertThat(repo.insert(List.of(anomaly))).isZero();

    assertThat(repo.byId(anomaly.anomalyId())).isEqualTo(anomaly);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void transition_onlyForward_recordsWhoAndWhen(StorageMode mode) throws SQLException {
    AnomalyRepository repo = new AnomalyRepository(databases.get(mode).dataSource());
    Anomaly anomaly = Anomaly.open(UUID.randomUUID(), "OVERFULL_BIN", AnomalySeverity.WARNING, "s2", null, "A-01",
        null, List.of(), null, T0);
    repo.insert(List.of(anomaly));
    Instant later = T0.plus(Duration.ofMinutes(3));

    Anomaly acknowledged = repo.transition(anomaly.anomalyId(), AnomalyStatus.ACKNOWLEDGED, "alice", later);
    Anomaly backToOpen = repo.transition(anomaly.anomalyId(), AnomalyStatus.OPEN, "bob", later);
    Anomaly resolved = repo.transition(anomaly.anomalyId(), AnomalyStatus.RESOLVED, "bob", later.plusSeconds(60));
    Anomaly resolvedAgain = repo.transition(anomaly.anomalyId(), AnomalyStatus.RESOLVED, "carol", later.plusSeconds(90));

    assertThat(acknowledged.status()).isEqualTo(AnomalyStatus.ACKNOWLEDGED);
    assertThat(acknowledged.changedBy()).isEqualTo("alice");
    assertThat(acknowledged.changedAt()).isEqualTo(later);
    assertThat(backToOpen).isNull();
    assertThat(resolved.status()).isEqualTo(AnomalyStatus.RESOLVED);
    assertThat(resolvedAgain).isNull();
    assertThat(repo.list("s2", AnomalyStatus.RESOLVED, 10)).extracting(Anomaly::changedBy).containsExactly("bob");
    assertThat(repo.list("s2", AnomalyStatus.OPEN, 10)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void validAt_openAuthorisationInWindow_isFoundUntilClosed(StorageMode mode) throws SQLException {
    ShipmentAuthorisationRepository repo = new ShipmentAuthorisationRepository(databases.get(mode).dataSource());
    ShipmentAuthorisation auth = new ShipmentAuthorisation(UUID.randomUUID(), "s3", "D1", "LOT-1", 40, T0,
        T0.plus(Duration.ofHours(2)), true);
    repo.save(auth);

    assertThat(repo.validAt("s3", "D1", "LOT-1", T0.plusSeconds(1))).containsExactly(auth);
    assertThat(repo.validAt("s3", "D1", "LOT-1", T0.plus(Duration.ofHours(2)))).isEmpty();
    assertThat(repo.validAt("s3", "D2", "LOT-1", T0.plusSeconds(1))).isEmpty();
    assertThat(repo.close(auth.authorisationId())).isTrue();
    assertThat(repo.close(auth.authorisationId())).isFalse();
    assertThat(repo.validAt("s3", "D1", "LOT-1", T0.plusSeconds(1))).isEmpty();
    assertThat(repo.list("s3")).singleElement().satisfies(a -> assertThat(a.open()).isFalse());
  }
}
