package io.tagflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

class BenchMainTest {

  /** A benchmark whose database refuses the connection, as QueryBench's does with a wrong URL. */
  @Command(name = "bench")
  static final class RefusedDatabase implements Callable<Integer> {
    @Parameters(index = "0")
    String name;

    @Override
    public Integer call() throws SQLException {
      throw new SQLException("Connection to 127.0.0.1:1 refused.");
    }
  }

  /** A benchmark with a bug. */
  @Command(name = "bench")
  static final class Bug implements Callable<Integer> {
    @Parameters(index = "0")
    String name;

    @Override
    public Integer call() {
      throw new IllegalStateException("bug");
    }
  }

  private static String run(Object command, StringWriter err) {
    CommandLine cli = BenchMain.withErrorBoundary(new CommandLine(command));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute("query") + "";
  }

  @Test
  void execute_benchmarkCannotReachItsDatabase_oneLineExit1() {
    StringWriter err = new StringWriter();

    assertThat(run(new RefusedDatabase(), err)).isEqualTo("1");
    assertThat(err.toString()).isEqualTo("bench query: cannot run: Connection to 127.0.0.1:1 refused."
        + System.lineSeparator());
  }

  @Test
  void execute_benchmarkWithABug_keepsItsStackTrace() {
    StringWriter err = new StringWriter();

    assertThat(run(new Bug(), err)).isEqualTo("1");
    assertThat(err.toString()).contains("IllegalStateException: bug").contains("\tat ");
  }
}
