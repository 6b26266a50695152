package io.tagflow.sim.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tagflow.gateway.reader.AntennaSettings;
import io.tagflow.gateway.reader.ReaderSessions;
import io.tagflow.gateway.reader.ReaderSettings;
import io.tagflow.gateway.reader.ReaderState;
import io.tagflow.gateway.reader.TagReportListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.llrp.ltk.generated.LLRPMessageFactory;
import org.llrp.ltk.generated.enumerations.ConnectionAttemptStatusType;
import org.llrp.ltk.generated.messages.READER_EVENT_NOTIFICATION;

/**
 * The gateway's reader session against the simulated reader over real TCP on 127.0.0.1: startup,
 * keepalives, reports, reconnect after the reader restarts, a second client refused, and a reader
 * that sends garbage while another reader keeps reporting.
 */
class ReaderSessionIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String EPC_A = "300833B2DDD9014000000001";
  private static final String EPC_B = "E280116060000209A51F3C5D0000002A";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final BlockingQueue<String> reads = new LinkedBlockingQueue<>();
  private final TagReportListener listener = (readerId, batch) -> {
    for (int i = 0; i < batch.size(); i++) {
      reads.add(readerId + " " + batch.epcHex(i) + " ant" + batch.antennaId(i) + " " + batch.peakRssi(i) + "dBm");
    }
  };
  private final ScriptedTagSource tags = ScriptedTagSource.builder().tag(EPC_A, 1, -52).tag(EPC_B, 2, -67).build();
  private SimulatedReader reader;
  private ReaderSessions sessions;

  @AfterEach
  void tearDown() throws Exception {
    if (sessions != null) {
      sessions.stop().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    if (reader != null) {
      reader.stop().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private SimulatedReader startReader(int port) throws Exception {
    return startReader(port, 2);
  }

  private SimulatedReader startReader(int port, int version) throws Exception {
    SimulatedReader started = SimulatedReader.create(SimulatedReaderOptions.defaults().withPort(port).withAntennaCount(2)
        .withVersion(version).withInventoryRound(Duration.ofMillis(20)), tags, InstantSource.system());
    started.start().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return started;
  }

  private static ReaderSettings settings(String id, int port) {
    return ReaderSettings.builder(id, "127.0.0.1").port(port)
        .antennas(List.of(new AntennaSettings(1, 81, 1), AntennaSettings.of(2)))
        .keepalivePeriod(Duration.ofMillis(500)).reportEveryTags(2).reportPeriod(Duration.ofMillis(200))
        .connectTimeout(ReaderSettings.DEFAULT_CONNECT_TIMEOUT).backoff(Duration.ofMillis(100), Duration.ofMillis(400)).build();
  }

  private ReaderSessions startSessions(ReaderSettings... readers) {
    return ReaderSessions.start(List.of(readers), group, listener, registry, new SplittableRandom(7), InstantSource.system());
  }

  /** Waits for a read from {@code readerId}; reads from other readers are dropped. */
  private String nextRead(String readerId) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      String read = reads.poll(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS);
      if (read != null && read.startsWith(readerId + " ")) {
        return read;
      }
    }
    throw new AssertionError("no read from " + readerId + " within " + WAIT);
  }

  private double count(String name, String readerId) {
    return registry.counter(name, "reader", readerId).count();
  }

  /** Waits until a counter reaches {@code expected}; fails after {@link #WAIT}. */
  private void awaitCount(String name, String readerId, double expected) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (count(name, readerId) < expected && Instant.now().isBefore(deadline)) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(count(name, readerId)).as(name + " of " + readerId).isGreaterThanOrEqualTo(expected);
  }

  @Test
  void session_againstSimulator_startsKeepsAliveAndDeliversScriptedTags() throws Exception {
    reader = startReader(0);
    sessions = startSessions(settings("dock-1", reader.address().getPort()));

    assertThat(List.of(nextRead("dock-1"), nextRead("dock-1")))
        .containsExactlyInAnyOrder("dock-1 " + EPC_A + " ant1 -52dBm", "dock-1 " + EPC_B + " ant2 -67dBm");
    assertThat(sessions.sessions().get(0).state()).isEqualTo(ReaderState.RUNNING);
    // Keep reading until the gateway has acked keepalives (500 ms period).
    Instant deadline = Instant.now().plus(WAIT);
    while (registry.timer("tagflow.reader.keepalive.lag", "reader", "dock-1").count() < 2 && Instant.now().isBefore(deadline)) {
      nextRead("dock-1");
    }
    assertThat(registry.timer("tagflow.reader.keepalive.lag", "reader", "dock-1").count()).isGreaterThanOrEqualTo(2);
    assertThat(count("tagflow.reader.reports", "dock-1")).isPositive();
    assertThat(count("tagflow.reader.connects", "dock-1")).isEqualTo(1);
    assertThat(count("tagflow.reader.decode.errors", "dock-1")).isZero();
  }

  @Test
  void session_llrp101Reader_isAnsweredInItsVersion() throws Exception {
    reader = startReader(0, 1); // answers M_UnsupportedVersion to any version-2 message
    sessions = startSessions(settings("dock-101", reader.address().getPort()));
    assertThat(nextRead("dock-101")).contains(" ant");
    assertThat(registry.find("tagflow.reader.llrp.errors").counters()).isEmpty();
  }

  @Test
  void session_simulatorRestarts_reconnectsAndReportsAgain() throws Exception {
    reader = startReader(0);
    int port = reader.address().getPort();
    sessions = startSessions(settings("dock-2", port));
    nextRead("dock-2");

    reader.stop().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    reader = startReader(port);

    // Reads of the first connection can still be on their way after the stop: only a read that
    // follows the second connect proves the session reports again.
    awaitCount("tagflow.reader.connects", "dock-2", 2);
    reads.clear();
    nextRead("dock-2");
    assertThat(count("tagflow.reader.connects", "dock-2")).isEqualTo(2);
    assertThat(count("tagflow.reader.reconnects", "dock-2")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void secondClient_isRefusedWhileTheFirstKeepsReporting() throws Exception {
    reader = startReader(0);
    sessions = startSessions(settings("dock-3", reader.address().getPort()));
    nextRead("dock-3");

    try (Socket second = new Socket(InetAddress.getLoopbackAddress(), reader.address().getPort())) {
      second.setSoTimeout((int) WAIT.toMillis());
      byte[] event = second.getInputStream().readAllBytes(); // the reader closes after its event
      READER_EVENT_NOTIFICATION notification = (READER_EVENT_NOTIFICATION) LLRPMessageFactory.createLLRPMessage(event);
      assertThat(notification.getReaderEventNotificationData().getConnectionAttemptEvent().getStatus().intValue())
          .isEqualTo(ConnectionAttemptStatusType.Failed_A_Client_Initiated_Connection_Already_Exists);
    }
    reads.clear();
    nextRead("dock-3");
    assertThat(count("tagflow.reader.connects", "dock-3")).isEqualTo(1);
  }

  @Test
  void readerSendingGarbage_isClosedCountedAndRetried_whileAnotherReaderKeepsReporting() throws Exception {
    reader = startReader(0);
    BlockingQueue<Integer> garbageConnections = new LinkedBlockingQueue<>();
    try (ServerSocket garbage = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> garbageServer = CompletableFuture.runAsync(() -> serveGarbage(garbage, garbageConnections));
      sessions = startSessions(settings("dock-ok", reader.address().getPort()), settings("dock-bad", garbage.getLocalPort()));

      // First connection: the gateway must close it after the bad frame; the second proves the back-off retry.
      assertThat(garbageConnections.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("gateway closed the bad link").isEqualTo(1);
      assertThat(garbageConnections.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("gateway retried").isEqualTo(2);
      assertThat(count("tagflow.reader.decode.errors", "dock-bad")).isGreaterThanOrEqualTo(1);
      reads.clear();
      nextRead("dock-ok");
      assertThat(count("tagflow.reader.decode.errors", "dock-ok")).isZero();
      garbageServer.get(WAIT.toSeconds(), TimeUnit.SECONDS); // it serves two connections, then ends
    }
  }

  /** Accepts connections, sends a frame whose length field is 3, and reports each connection the gateway closed. */
  private static void serveGarbage(ServerSocket server, BlockingQueue<Integer> closed) {
    for (int n = 1; n <= 2; n++) {
      try (Socket socket = server.accept()) {
        socket.setSoTimeout((int) WAIT.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(new byte[] {0x08, 0x3f, 0, 0, 0, 3, 0, 0, 0, 1}); // READER_EVENT_NOTIFICATION, length 3
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] rest = in.readAllBytes(); // returns when the gateway closes
        if (rest.length == 0) { // the gateway sent nothing before closing
          closed.add(n);
        }
      } catch (IOException e) {
        return;
      }
    }
  }
}
