package io.tagflow.sim;

import io.tagflow.sim.load.LoadCommand;
import io.tagflow.sim.physics.RunCommand;
import io.tagflow.sim.score.ScoreCommand;
import io.tagflow.sim.score.TuneCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./tagflow sim}: LLRP reader simulators, scoring and tuning. */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "LLRP reader simulators with a physical warehouse scene, ground truth and scoring.",
    subcommands = {RunCommand.class, LoadCommand.class, ScoreCommand.class, TuneCommand.class})
public final class SimMain implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new SimMain()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
