package io.tagflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./tagflow bench NAME [ARGS...]}: runs one named benchmark. Every benchmark prints its
 * figures and ends with a line {@code RESULT key=value ...}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Runs a named benchmark; its last line is RESULT key=value ...")
public final class BenchMain implements Callable<Integer> {
  /** A benchmark the launcher can run by name. */
  interface Benchmark {
    String description();

    int run(String[] args) throws Exception;
  }

  /** A benchmark under the name {@code ./tagflow bench NAME} runs it by. */
  record Registration(String name, Benchmark benchmark) {
  }

  /** Every benchmark, one line each: add yours here. */
  private static final List<Registration> REGISTRATIONS = List.of(
      new Registration("accuracy", new AccuracyBench()),
      new Registration("decode", new DecodeBench()),
      new Registration("epc", new EpcBench.Launcher()),
      new Registration("ingest", new IngestBench()),
      new Registration("map", new MapBench()),
      new Registration("outbox", new OutboxBench.Launcher()),
      new Registration("pipeline", new PipelineBench()),
      new Registration("query", new QueryBench()),
      new Registration("simload", new SimLoadBench()));

  private static final Map<String, Benchmark> BENCHMARKS = index(REGISTRATIONS);

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "benchmark to run")
  String name;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "passed to the benchmark")
  String[] args = new String[0];

  private static Map<String, Benchmark> index(List<Registration> registrations) {
    Map<String, Benchmark> byName = new TreeMap<>();
    for (Registration registration : registrations) {
      if (byName.put(registration.name(), registration.benchmark()) != null) {
        throw new IllegalStateException("two benchmarks are registered as '" + registration.name() + "'");
      }
    }
    return byName;
  }

  public static void main(String[] args) {
    System.exit(withErrorBoundary(new CommandLine(new BenchMain()).setStopAtPositional(true)).execute(args));
  }

  /**
   * {@code command} with the error boundary of {@code ./tagflow bench}: a benchmark that cannot run
   * where it is (no database at the URL given, a bad argument, a file it cannot write) ends with one
   * line and exit 1, not a stack trace; any other exception is a bug and keeps its stack trace.
   */
  static CommandLine withErrorBoundary(CommandLine command) {
    return command.setExecutionExceptionHandler((e, cli, parsed) -> {
      if (!(e instanceof SQLException || e instanceof IOException || e instanceof UncheckedIOException
          || e instanceof IllegalArgumentException || e instanceof MqttException)) {
        throw e;
      }
      String name = parsed.matchedPositionalValue(0, "");
      cli.getErr().println("bench " + name + ": cannot run: " + e.getMessage());
      return 1;
    });
  }

  @Override
  public Integer call() throws Exception {
    Benchmark benchmark = name == null ? null : BENCHMARKS.get(name);
    if (benchmark == null) {
      if (name != null) {
        System.err.println("Unknown benchmark '" + name + "'.");
      }
      System.err.println("Benchmarks:" + (BENCHMARKS.isEmpty() ? " none yet." : ""));
      BENCHMARKS.forEach((key, b) -> System.err.printf("  %-12s %s%n", key, b.description()));
      return name == null ? 0 : 2;
    }
    return benchmark.run(args);
  }
}
