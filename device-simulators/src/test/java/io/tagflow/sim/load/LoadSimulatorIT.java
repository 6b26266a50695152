package io.tagflow.sim.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tagflow.gateway.reader.AntennaSettings;
import io.tagflow.gateway.reader.ReaderSessions;
import io.tagflow.gateway.reader.ReaderSettings;
import io.tagflow.sim.SimMain;
import io.tagflow.sim.load.LoadSimulator.LoadSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Load readers over real TCP against the gateway's reader sessions, and {@code sim load} end to end. */
class LoadSimulatorIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private LoadSimulator simulator;
  private ReaderSessions sessions;

  @AfterEach
  void tearDown() throws Exception {
    if (sessions != null) {
      sessions.stop().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    if (simulator != null) {
      simulator.stop().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void loadReaders_gatewaySessions_receiveTheRateFromEveryReader() throws Exception {
    simulator = LoadSimulator.create(LoadSettings.of(3, 2_000).withTagsPerReport(50).withThreads(2), InstantSource.system());
    List<InetSocketAddress> addresses = simulator.start().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Map<String, LongAdder> perReader = new ConcurrentHashMap<>();
    Map<String, Integer> largestReport = new ConcurrentHashMap<>();
    CountDownLatch everyReaderReporting = new CountDownLatch(3);
    List<ReaderSettings> readers = addresses.stream().map(a -> ReaderSettings.builder("load-" + a.getPort(), "127.0.0.1")
        .port(a.getPort()).antennas(List.of(AntennaSettings.of(1), AntennaSettings.of(2)))
        .reportEveryTags(1000).reportPeriod(Duration.ofSeconds(1)).build()).toList();
    sessions = ReaderSessions.start(readers, group, (readerId, batch) -> {
      if (perReader.computeIfAbsent(readerId, id -> new LongAdder()).sum() == 0) {
        everyReaderReporting.countDown();
      }
      perReader.get(readerId).add(batch.size());
      largestReport.merge(readerId, batch.size(), Math::max);
    }, new SimpleMeterRegistry(), new SplittableRandom(3), InstantSource.system());
    assertThat(everyReaderReporting.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    long startNanos = System.nanoTime();
    long before = perReader.values().stream().mapToLong(LongAdder::sum).sum();
    CountDownLatch twoSeconds = new CountDownLatch(1);
    twoSeconds.await(2, TimeUnit.SECONDS); // a measurement window, not a wait for a condition
    long received = perReader.values().stream().mapToLong(LongAdder::sum).sum() - before;
    double seconds = (System.nanoTime() - startNanos) / 1e9;

    // 3 readers x 2,000 reads/s; loose bounds: reports are 25 ms apart and the machine is shared.
    assertThat(received / seconds).isBetween(3_000.0, 9_000.0);
    assertThat(largestReport.values()).as("--tags-per-report overrides the client's N of 1000").allMatch(n -> n <= 50);
    assertThat(simulator.connected()).isEqualTo(3);
  }

  @Test
  void simLoad_shortRun_printsListeningPortsProgressAndDone() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new SimMain());
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("load", "--readers", "2", "--rate", "100", "--duration", "1500ms", "--progress-s", "0.5");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("sim load: 2 readers listening on 127.0.0.1")
        .contains("0/2 readers connected").contains("reads/s sent").contains("cpu ").contains("sim load: done");
  }
}
