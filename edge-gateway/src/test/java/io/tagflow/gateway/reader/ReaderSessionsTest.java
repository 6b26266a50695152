package io.tagflow.gateway.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReaderSessionsTest {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  @AfterEach
  void shutDown() throws InterruptedException {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void start_duplicateReaderId_isRejectedNamingIt() {
    List<ReaderSettings> readers = List.of(ReaderSettings.builder("dock-1", "10.0.0.1").build(),
        ReaderSettings.builder("dock-1", "10.0.0.2").build());
    assertThatThrownBy(() -> ReaderSessions.start(readers, group, (id, batch) -> { }, new SimpleMeterRegistry(),
        new SplittableRandom(1), InstantSource.system()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'dock-1' appears twice");
  }

  @Test
  void stop_sessionsThatNeverConnected_completesAndLeavesThemDisconnected() throws Exception {
    // Port 1 on loopback refuses connections, so the session is between back-off attempts when stopped.
    ReaderSettings settings = ReaderSettings.builder("dock-9", "127.0.0.1").port(1).build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ReaderSessions sessions = ReaderSessions.start(List.of(settings), group, (id, batch) -> { }, registry,
        new SplittableRandom(1), InstantSource.system());
    sessions.stop().get(5, TimeUnit.SECONDS);
    assertThat(sessions.sessions()).singleElement()
        .satisfies(s -> assertThat(s.state()).isEqualTo(ReaderState.DISCONNECTED));
    assertThat(registry.get("tagflow.reader.state").tag("reader", "dock-9").gauge().value()).isZero();
  }
}
