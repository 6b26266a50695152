package io.tagflow.gateway;

import io.tagflow.gateway.config.ConfigProblem;
import io.tagflow.gateway.config.GatewayConfig;
import io.tagflow.gateway.config.GatewayConfigException;
import io.tagflow.gateway.config.GatewayConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tagflow gateway --config gw.yaml}: the edge gateway of one dock. Runs until Ctrl-C / SIGTERM,
 * then stops the ROSpecs, flushes the outbox, and closes LLRP and MQTT (see {@link Gateway#close()}).
 *
 * <p>Exit codes: 0 after a clean stop, 1 when the gateway cannot start (outbox directory locked,
 * operations port taken), 2 for a bad command line or configuration, with one line on stderr.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = "Runs the edge gateway of one dock: LLRP readers in, movements and locations out over MQTT.")
public final class GatewayMain implements Callable<Integer> {
  /** Bad configuration or command line. */
  public static final int EXIT_CONFIG = 2;
  /** The gateway could not start. */
  public static final int EXIT_START = 1;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
      description = "The gateway's YAML configuration (see edge-gateway/gateway.example.yaml).")
  Path config;

  @Option(names = "--check", description = "Only load and validate the configuration, then exit.")
  boolean check;

  public static void main(String[] args) {
    System.exit(new CommandLine(new GatewayMain()).execute(args));
  }

  @Override
  public Integer call() {
    PrintStream err = System.err;
    GatewayConfig cfg;
    try {
      cfg = GatewayConfigLoader.load(config);
    } catch (GatewayConfigException e) {
      err.println("tagflow gateway: bad configuration: " + e.getMessage());
      return EXIT_CONFIG;
    }
    if (check) {
      System.out.println("tagflow gateway: " + config + " is valid (" + cfg.readers().size() + " reader(s))");
      return 0;
    }
    Gateway gateway;
    try {
      gateway = Gateway.start(cfg, Clock.systemUTC(), System::getenv);
    } catch (ConfigProblem e) {
      err.println("tagflow gateway: bad configuration: " + config + ": mqtt." + e.field() + ": " + e.getMessage());
      return EXIT_CONFIG;
    } catch (IOException | MqttException | IllegalArgumentException e) {
      err.println("tagflow gateway: cannot start: " + e.getMessage());
      return EXIT_START;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      stopped.countDown();
    }, "tagflow-gateway-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
