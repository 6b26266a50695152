package io.tagflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GatewayMainTest {
  @TempDir
  Path dir;

  private int run(ByteArrayOutputStream err, String... args) {
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new CommandLine(new GatewayMain()).execute(args);
    } finally {
      System.setErr(saved);
    }
  }

  @Test
  void call_badConfig_exitsWithTwoAndOneLine() throws Exception {
    Path file = dir.resolve("gw.yaml");
    Files.writeString(file, "site: s1\ngateway: g1\nreaders: []\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(run(err, "--config", file.toString())).isEqualTo(GatewayMain.EXIT_CONFIG);
    String out = err.toString(StandardCharsets.UTF_8);
    assertThat(out).isEqualTo("tagflow gateway: bad configuration: " + file + ": readers: expected at least one reader"
        + System.lineSeparator());
  }

  @Test
  void call_missingFile_exitsWithTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(run(err, "--config", dir.resolve("absent.yaml").toString())).isEqualTo(GatewayMain.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("absent.yaml: file not found").doesNotContain("\tat ");
  }

  @Test
  void call_checkOnExample_exitsZero() {
    assertThat(run(new ByteArrayOutputStream(), "--check", "--config", "gateway.example.yaml")).isZero();
  }
}
