package io.tagflow.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxWriterTest {
  @TempDir
  Path dir;
  private final ManualClock clock = new ManualClock();

  /** A publisher that is never started: the writer's appends land in the outbox, which is checked. */
  private OutboxWriter writer(FileOutbox outbox) throws Exception {
    MqttPublisher publisher = MqttPublisher.create(outbox,
        MqttPublisherOptions.builder("tcp://127.0.0.1:1", "unit").build(), new SimpleMeterRegistry(), clock);
    return OutboxWriter.start(publisher);
  }

  private static OutboxMessage msg(int i) {
    return OutboxMessage.of("site/gw/movements", ("event-" + i).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void submit_burst_everyEventDurableInSubmissionOrderWithItsSequence() throws Exception {
    try (FileOutbox outbox = FileOutbox.open(dir, FileOutbox.Settings.defaults(), clock)) {
      OutboxWriter writer = writer(outbox);
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 1; i <= 500; i++) {
        futures.add(writer.submit(msg(i)));
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + 1);
      }
      List<OutboxEntry> stored = outbox.read(1, 1000);
      assertThat(stored).hasSize(500);
      assertThat(new String(stored.get(499).message().payload(), StandardCharsets.UTF_8)).isEqualTo("event-500");
      assertThat(writer.close(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void submit_someOverQuotaInOneBatch_storesWhatFitsAndFailsTheRest() throws Exception {
    try (FileOutbox outbox = FileOutbox.open(dir, new FileOutbox.Settings(1000, 1000, 1000), clock)) {
      OutboxWriter writer = writer(outbox);
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        futures.add(writer.submit(msg(i)));
      }
      assertThat(writer.close(Duration.ofSeconds(10))).isTrue();
      long stored = futures.stream().filter(f -> !f.isCompletedExceptionally()).count();
      assertThat(stored).isPositive().isLessThan(40).isEqualTo(outbox.stats().depth());
      CompletableFuture<Long> last = futures.get(39);
      assertThat(last).isCompletedExceptionally();
      try {
        last.get();
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(OutboxFullException.class);
      }
    }
  }

  @Test
  void submit_afterClose_isRefusedNotLost() throws Exception {
    try (FileOutbox outbox = FileOutbox.open(dir, FileOutbox.Settings.defaults(), clock)) {
      OutboxWriter writer = writer(outbox);
      writer.close(Duration.ofSeconds(10));
      CompletableFuture<Long> f = writer.submit(msg(1));
      assertThat(f).isCompletedExceptionally();
      assertThat(f.handle((v, e) -> e)).isCompletedWithValueMatching(e -> e instanceof RejectedExecutionException);
      assertThat(outbox.stats().depth()).isZero();
    }
  }
}
