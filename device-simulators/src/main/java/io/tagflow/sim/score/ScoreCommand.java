package io.tagflow.sim.score;

import io.tagflow.sim.internal.CliDurations;
import io.tagflow.sim.internal.ProgressLoop;
import io.tagflow.sim.truth.GroundTruth;
import io.tagflow.sim.truth.TruthJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./tagflow sim score --truth T.jsonl --events E.jsonl}: prints the accuracy table. With
 * {@code --mqtt-uri tcp://... --site S --duration D} instead of {@code --events}, the events are
 * collected live from the broker (the event contract's movement and location topics) for D, then
 * scored; start it together with {@code sim run} and the gateway.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Compares a gateway's movement and location events (JSON lines file or live MQTT) with a scene's truth.")
public final class ScoreCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--truth", required = true, description = "truth file written by the scene (JSON lines)")
  Path truth;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Where the gateway's events come from: a file, or the broker. */
  static final class Source {
    @Option(names = "--events", required = true, description = "the gateway's events (JSON lines)")
    Path events;

    @Option(names = "--mqtt-uri", required = true, description = "collect events live from this MQTT 5 broker")
    String mqttUri;
  }

  @Option(names = "--site", description = "with --mqtt-uri: the site whose events are scored")
  String site;

  @Option(names = "--duration", description = "with --mqtt-uri: how long to collect, e.g. 300s, 10m")
  String duration;

  @Option(names = "--topic-prefix", defaultValue = "", description = "with --mqtt-uri: topic levels before tagflow/v1/")
  String topicPrefix;

  @Option(names = "--events-out", description = "with --mqtt-uri: also write the collected events here (JSON lines)")
  Path eventsOut;

  @Option(names = "--progress-s", defaultValue = "10", description = "with --mqtt-uri: seconds between progress lines")
  double progressS;

  @Option(names = "--window-s", defaultValue = "10",
      description = "match window around a movement's reads, seconds (default ${DEFAULT-VALUE})")
  double windowS;

  @Option(names = "--max-findings", defaultValue = "200", description = "findings to print at most")
  int maxFindings;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      GroundTruth t = TruthJson.read(truth);
      ObservedEvents e = source.events != null ? ObservedEvents.read(source.events) : collect(out);
      ScoreReport report = new Scorer(Duration.ofMillis(Math.round(windowS * 1000))).score(t, e);
      if (report.findings().size() > maxFindings) {
        report = new ScoreReport(report.trueCrossings(), report.movementEvents(), report.matched(),
            report.directionCorrect(), report.doorCorrect(), report.placements(), report.placementsCorrect(),
            report.latencyP50(), report.latencyP99(), report.findings().subList(0, maxFindings));
        out.println("(first " + maxFindings + " findings shown)");
      }
      out.print(report.toTable());
      out.flush();
      return 0;
    } catch (IllegalArgumentException ex) {
      err.println("sim score: " + ex.getMessage());
      return 2;
    } catch (IOException ex) {
      err.println("sim score: cannot read or write: " + ex.getMessage());
      return 2;
    } catch (MqttException ex) {
      err.println("sim score: MQTT broker " + source.mqttUri + ": " + ex.getMessage());
      return 2;
    } finally {
      err.flush();
    }
  }

  private ObservedEvents collect(PrintWriter out) throws IOException, MqttException, InterruptedException {
    if (site == null || duration == null) {
      throw new IllegalArgumentException("--mqtt-uri needs --site and --duration");
    }
    Duration runFor = CliDurations.parse("--duration", duration);
    long progressNanos = Math.max(1, Math.round(progressS * 1e9));
    Writer raw = eventsOut == null ? null : Files.newBufferedWriter(eventsOut, StandardCharsets.UTF_8);
    try (raw; MqttEventCollector collector = MqttEventCollector.connect(source.mqttUri, topicPrefix, site, raw)) {
      out.printf(Locale.ROOT, "sim score: collecting site %s events from %s for %d s%n", site, source.mqttUri,
          runFor.toSeconds());
      out.flush();
      long start = System.nanoTime();
      CountDownLatch never = new CountDownLatch(1); // the run ends by time only
      ProgressLoop.run(progressNanos, start + runFor.toNanos(), never, now -> {
        out.printf(Locale.ROOT, "sim score: %.0f/%d s, %d movements, %d locations, %d bad payloads%n",
            (now - start) / 1e9, runFor.toSeconds(), collector.movements(), collector.locations(), collector.bad());
        out.flush();
      });
      if (collector.bad() > 0) {
        out.println("sim score: " + collector.bad() + " payloads were not contract events; first: " + collector.firstBad());
      }
      if (collector.rawError() != null) {
        throw collector.rawError();
      }
      return collector.events();
    }
  }
}
