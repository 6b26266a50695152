package io.tagflow.controlplane;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./tagflow control-plane}: the control plane service. */
@Command(name = "control-plane", mixinStandardHelpOptions = true,
    description = "Runs the control plane: ingest, storage, live occupancy, lot trace, anomalies, the map.")
public final class ControlPlaneMain implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new ControlPlaneMain()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
