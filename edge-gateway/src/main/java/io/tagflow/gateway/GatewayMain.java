package io.tagflow.gateway;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./tagflow gateway}: the edge gateway of one dock. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = "Runs the edge gateway of one dock: LLRP readers in, movements and locations out over MQTT.")
public final class GatewayMain implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new GatewayMain()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
