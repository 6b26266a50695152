package io.tagflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

  @Test
  void databaseUrl_keepsHostAndParameters() {
    assertThat(PostgresServer.databaseUrl("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "it_x"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/it_x?user=postgres");
  }

  @Test
  void databaseUrl_withoutDatabaseOrParameters_addsDatabase() {
    assertThat(PostgresServer.databaseUrl("jdbc:postgresql://db:5433", "it_y"))
        .isEqualTo("jdbc:postgresql://db:5433/it_y");
  }

  @Test
  void databaseUrl_notPostgres_hidesPassword() {
    assertThatThrownBy(() -> PostgresServer.databaseUrl("jdbc:mysql://h/db?password=secret", "n"))
        .hasMessageContaining("not a PostgreSQL JDBC URL")
        .hasMessageNotContaining("secret");
  }

  @Test
  void fromEnvironment_notPostgres_namesVariableAndHidesPassword() {
    assertThatThrownBy(() -> PostgresServer.fromEnvironment(TestServices.TIMESCALE_URL_ENV, "jdbc:mysql://h/db?password=secret"))
        .hasMessageContaining(TestServices.TIMESCALE_URL_ENV)
        .hasMessageNotContaining("secret");
  }

  @Test
  void fromEnvironment_describesVariableWithoutParameters() {
    assertThat(PostgresServer.fromEnvironment(TestServices.TIMESCALE_URL_ENV,
        " jdbc:postgresql://127.0.0.1:5433/postgres?user=postgres&password=secret ").description())
        .isEqualTo("environment TAGFLOW_TEST_TIMESCALE_URL (jdbc:postgresql://127.0.0.1:5433/postgres)");
  }
}
