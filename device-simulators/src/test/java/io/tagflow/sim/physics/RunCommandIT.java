package io.tagflow.sim.physics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tagflow.gateway.reader.AntennaSettings;
import io.tagflow.gateway.reader.ReaderSessions;
import io.tagflow.gateway.reader.ReaderSettings;
import io.tagflow.sim.SimMain;
import io.tagflow.sim.scenario.ScenarioLoader;
import io.tagflow.sim.truth.BinPlacement;
import io.tagflow.sim.truth.DoorCrossing;
import io.tagflow.sim.truth.GroundTruth;
import io.tagflow.sim.truth.TruthJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sim run} in real time, driven by the gateway's own LLRP client over TCP: the one-door scene's
 * reader serves the gateway's ReaderSession, whose reports carry the scene's EPCs, and the truth file
 * records what happened while it ran.
 */
class RunCommandIT {
  private static final Path SCENARIO = Path.of("scenarios/one-door.yaml");
  /** P1 enters the trailer at 10 s and crosses the door at about 12 s. */
  private static final int DURATION_S = 16;
  private static final Duration WAIT = Duration.ofSeconds(DURATION_S + 30);

  @TempDir
  Path dir;

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final BlockingQueue<String> reads = new LinkedBlockingQueue<>();
  private ReaderSessions sessions;

  @AfterEach
  void tearDown() throws Exception {
    if (sessions != null) {
      sessions.stop().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void run_realTime_gatewaySessionReceivesSceneEpcsAndTruthIsWritten() throws Exception {
    int port = freePort();
    Path scenario = dir.resolve("one-door.yaml");
    Files.writeString(scenario, Files.readString(SCENARIO).replace("llrpPort: 15084", "llrpPort: " + port));
    Path truthFile = dir.resolve("truth.jsonl");
    DoorCrossing p1 = Scene.build(ScenarioLoader.load(SCENARIO)).truth().crossings().stream()
        .filter(c -> c.pallet().equals("P1")).findFirst().orElseThrow();
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.execute("run", "--scenario",
        scenario.toString(), "--truth", truthFile.toString(), "--duration-s", Integer.toString(DURATION_S),
        "--progress-s", "2"));

    // The session retries until the simulated reader listens, as it would against a real one.
    ReaderSettings settings = ReaderSettings.builder("R1", "127.0.0.1").port(port)
        .antennas(List.of(AntennaSettings.of(1), AntennaSettings.of(2), AntennaSettings.of(3), AntennaSettings.of(4)))
        .reportEveryTags(50).reportPeriod(Duration.ofMillis(200)).keepalivePeriod(Duration.ofSeconds(1))
        .connectTimeout(Duration.ofSeconds(3)).backoff(Duration.ofMillis(100), Duration.ofMillis(300)).build();
    sessions = ReaderSessions.start(List.of(settings), group, (readerId, batch) -> {
      for (int i = 0; i < batch.size(); i++) {
        reads.add(batch.epcHex(i));
      }
    }, new SimpleMeterRegistry(), new SplittableRandom(1), InstantSource.system());

    Set<String> seen = new HashSet<>();
    Instant deadline = Instant.now().plus(WAIT);
    while (seen.stream().noneMatch(p1.epcs()::contains) && Instant.now().isBefore(deadline)) {
      String epc = reads.poll(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS);
      if (epc != null) {
        seen.add(epc);
      }
    }
    assertThat(seen).as("EPCs of P1 read while it crosses the door").containsAnyElementsOf(p1.epcs());

    assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
    GroundTruth truth = TruthJson.read(truthFile);
    assertThat(truth.events()).extracting(e -> e.pallet() + ":" + e.getClass().getSimpleName())
        .containsExactly("P4:BinPlacement", "P1:DoorCrossing");
    DoorCrossing written = truth.crossings().get(0);
    assertThat(written.door()).isEqualTo("D1");
    assertThat(written.epcs()).isEqualTo(p1.epcs());
    assertThat(truth.placements()).extracting(BinPlacement::bin).containsExactly("B2");
    assertThat(out.toString()).contains("reader R1 listening on 127.0.0.1:" + port).contains("1 clients")
        .contains("sim run: done, 2 truth events");
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
