package io.tagflow.sim;

import io.tagflow.sim.load.LoadCommand;
import io.tagflow.sim.physics.RunCommand;
import io.tagflow.sim.score.ScoreCommand;
import io.tagflow.sim.score.TuneCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./tagflow sim}: LLRP reader simulators, scoring and tuning.
 *
 * <p>Exit codes: 0 done, 2 for a bad command line, scenario, or a file that cannot be read or
 * written (one line on stderr naming the file, no stack trace); anything else is a bug and keeps its
 * stack trace.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "LLRP reader simulators with a physical warehouse scene, ground truth and scoring.",
    subcommands = {RunCommand.class, LoadCommand.class, ScoreCommand.class, TuneCommand.class})
public final class SimMain implements Runnable {
  /** A bad command line or input, as picocli answers a usage error. */
  public static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its file-error boundary: what {@link #main} runs (and tests drive). */
  public static CommandLine commandLine() {
    return new CommandLine(new SimMain()).setExecutionExceptionHandler(SimMain::fileError);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  private static int fileError(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
    IOException io = e instanceof IOException direct ? direct
        : e instanceof UncheckedIOException wrapped ? wrapped.getCause() : null;
    if (io == null) {
      throw e;
    }
    command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + describe(io));
    return EXIT_USAGE;
  }

  /** {@code out/t.jsonl: no such file or directory} rather than the exception's bare path. */
  static String describe(IOException e) {
    if (e instanceof NoSuchFileException f) {
      return f.getFile() + ": no such file or directory";
    }
    if (e instanceof AccessDeniedException f) {
      return f.getFile() + ": permission denied";
    }
    if (e instanceof FileSystemException f && f.getFile() != null) {
      return f.getFile() + ": " + f.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}
